package dev.moonlight.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import dev.moonlight.database.AfterCommit;
import dev.moonlight.supervision.Supervised;

/**
 * The {@code amqp} driver: RabbitMQ carries the job ids and spreads them over the
 * consumers of every machine, with manual acknowledgement (a consumer that dies returns
 * its jobs to the queue) and a dead-letter exchange for failed jobs; the
 * {@code moonlight_jobs} table keeps each job's payload, attempts and status, so
 * {@code jobs.status} and {@code jobs:retry} work as on the jdbc pipeline. Each job is
 * acknowledged only once its outcome is recorded. A job whose row committed before its
 * message left (a push inside a transaction, a retry) and whose message RabbitMQ never
 * confirmed nor a consumer received (see {@link PublishMarks}) is published again by the
 * consumers' sweep once it has been due for {@code config.republish_after}. A second
 * message for a job is dropped once the job is done or failed, and while another delivery
 * runs it: only a redelivery (its consumer went away) takes a running job over.
 */
final class AmqpPipeline implements Pipeline {

	private static final Logger logger = LoggerFactory.getLogger(AmqpPipeline.class);

	/** The most jobs one sweep publishes again; the next sweep takes the rest. */
	private static final int SWEEP_BATCH = 100;

	/** The shortest time between two sweeps. */
	private static final Duration MIN_SWEEP_PERIOD = Duration.ofMillis(100);

	private final PipelineSection section;

	private final ConnectionFactory connections;

	private final AmqpTopology topology;

	private final JdbcJobStore ledger;

	private final PublishMarks marks;

	private final Clock clock;

	private final Duration destroyTimeout;

	private volatile boolean declared;

	AmqpPipeline(PipelineSection section, ConnectionFactory connections, JdbcJobStore ledger, Clock clock,
			Duration destroyTimeout) {
		this.section = section;
		this.connections = connections;
		this.topology = new AmqpTopology(section.queue(), connections);
		this.ledger = ledger;
		this.marks = ledger.publishMarks();
		this.clock = clock;
		this.destroyTimeout = destroyTimeout;
	}

	@Override
	public PipelineSection section() {
		return section;
	}

	/**
	 * Records the job, then publishes it; a publish the broker does not confirm removes
	 * the record and fails. Inside a transaction the record joins it and the message
	 * leaves at commit (none on rollback): published before, a consumer would look for a
	 * row it cannot see yet, take the job for a stale delivery and drop it.
	 */
	@Override
	public void push(Job job) {
		ledger.insert(job);
		if (AfterCommit.pending()) {
			marks.pending(job.id());
			AfterCommit.run("job " + job.id() + " (" + job.label() + ")", () -> publishCommitted(job));
			return;
		}
		try {
			declareOnce();
			topology.publish(job.id(), job.priority(), Duration.between(clock.instant(), job.availableAt()));
		}
		catch (RuntimeException ex) {
			ledger.delete(job.id());
			throw ex;
		}
	}

	/**
	 * Publishes a job whose row has committed. A failure leaves it queued without a
	 * confirmed message: the consumers' sweep publishes it again after
	 * {@code republish_after}.
	 */
	private void publishCommitted(Job job) {
		try {
			declareOnce();
			topology.publish(job.id(), job.priority(), Duration.between(clock.instant(), job.availableAt()));
		}
		catch (RuntimeException ex) {
			logger.warn(
					"Pipeline {}: job {} ({}) is stored but RabbitMQ did not take its message ({}); a consumer"
							+ " publishes it again once it has been due for {}s",
					name(), job.id(), job.label(), ex.toString(), section.republishAfter().toSeconds());
			return;
		}
		markConfirmed(job.id());
	}

	/**
	 * Notes a confirmed publish; should the note fail, a sweep publishes the job again,
	 * which costs a message the delivery drops.
	 */
	private void markConfirmed(String id) {
		try {
			marks.confirmed(id);
		}
		catch (RuntimeException ex) {
			logger.warn(
					"Pipeline {}: job {} was published but could not be marked so ({}); it may be published" + " again",
					name(), id, ex.toString());
		}
	}

	/**
	 * Publishes again the queued jobs due for {@code republish_after} whose message was
	 * never confirmed, each taken first so that two consumers do not both publish it.
	 */
	private void sweep() {
		try {
			Instant now = clock.instant();
			Instant cutoff = now.minus(section.republishAfter());
			for (PublishMarks.Unconfirmed job : marks.unconfirmed(name(), cutoff, SWEEP_BATCH)) {
				if (marks.take(job.id(), cutoff, now)) {
					declareOnce();
					topology.publish(job.id(), job.priority(), Duration.ZERO);
					markConfirmed(job.id());
					logger.info("Pipeline {}: job {} had no confirmed message; published it again", name(), job.id());
				}
			}
		}
		catch (RuntimeException ex) {
			declared = false;
			logger.warn("Pipeline {}: could not publish again the jobs without a message ({}); trying again", name(),
					ex.toString());
		}
	}

	@Override
	public Optional<Job> find(String id) {
		return ledger.find(id).filter((job) -> job.pipeline().equals(name()));
	}

	@Override
	public List<Job> list(JobStatus status, int limit) {
		return ledger.list(name(), status, limit);
	}

	@Override
	public Map<JobStatus, Long> counts() {
		return ledger.counts(name());
	}

	@Override
	public List<String> retry(String id) {
		List<String> ids = ledger.requeue(name(), id, clock.instant());
		Map<String, Integer> priorities = new LinkedHashMap<>();
		for (String requeued : ids) {
			priorities.put(requeued, ledger.find(requeued).map(Job::priority).orElse(PipelineSection.DEFAULT_PRIORITY));
		}
		// As a push: a caller's transaction holds the messages until its commit.
		AfterCommit.run("retry of " + ids.size() + " job(s) on " + name(), () -> {
			declareOnce();
			priorities.forEach((requeued, priority) -> {
				topology.publish(requeued, priority, Duration.ZERO);
				markConfirmed(requeued);
			});
		});
		return ids;
	}

	@Override
	public Consumption consume(JobConsumer.Context consumer) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
		container.setQueueNames(topology.queue());
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setConcurrentConsumers(consumer.workers());
		container.setPrefetchCount(section.prefetch());
		container.setShutdownTimeout(destroyTimeout.toMillis());
		container.setMissingQueuesFatal(false);
		container.setMessageListener(
				(ChannelAwareMessageListener) (message, channel) -> handle(message, channel, container, consumer));
		container.afterPropertiesSet();
		// The container runs while the pipeline is not paused; the timer checks the
		// switch (and retries a broker that was down at start).
		ScheduledFuture<?> watch = consumer.timer()
			.scheduleWithFixedDelay(
					Supervised.periodic("jobs-" + name() + "-follow", () -> follow(container, consumer)), 0,
					PauseState.REFRESH.toMillis(), TimeUnit.MILLISECONDS);
		long sweepEvery = Math.max(MIN_SWEEP_PERIOD.toMillis(), section.republishAfter().toMillis() / 2);
		ScheduledFuture<?> sweeps = consumer.timer()
			.scheduleWithFixedDelay(Supervised.periodic("jobs-" + name() + "-republish", this::sweep), sweepEvery,
					sweepEvery, TimeUnit.MILLISECONDS);
		return () -> {
			watch.cancel(false);
			sweeps.cancel(false);
			container.stop();
			container.destroy();
		};
	}

	private void follow(SimpleMessageListenerContainer container, JobConsumer.Context consumer) {
		try {
			boolean paused = consumer.pauses().paused(name());
			if (paused && container.isRunning()) {
				container.stop();
			}
			else if (!paused && !container.isRunning()) {
				declareOnce();
				container.start();
			}
		}
		catch (RuntimeException ex) {
			declared = false;
			logger.warn("Pipeline {}: RabbitMQ is not reachable ({}); trying again", name(), ex.getMessage());
		}
	}

	private void handle(Message message, Channel channel, SimpleMessageListenerContainer container,
			JobConsumer.Context consumer) throws Exception {
		long tag = message.getMessageProperties().getDeliveryTag();
		String id = new String(message.getBody(), StandardCharsets.UTF_8);
		if (consumer.pauses().paused(name())) {
			// Paused since the message was delivered: back to the queue, and the
			// container stops on the timer (never on a listener thread, which stopping
			// would wait for).
			channel.basicNack(tag, false, true);
			consumer.timer().execute(() -> follow(container, consumer));
			return;
		}
		consumer.slots().acquireUninterruptibly();
		try {
			Instant now = clock.instant();
			boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().isRedelivered());
			Optional<Job> claimed = ledger.claimById(id, redelivered, consumer.id(), now.plus(section.lease()), now);
			if (claimed.isEmpty()) {
				// Done, failed or unknown: a second delivery of a job whose
				// acknowledgement was lost; or a second message of a job another
				// delivery runs. Never a job whose row is not committed yet: a push
				// inside a transaction publishes at its commit.
				channel.basicAck(tag, false);
				return;
			}
			Job job = claimed.get();
			Outcome outcome = (job.attempts() > job.maxAttempts())
					? Outcome.failed("The consumer running the job stopped during its last attempt")
					: consumer.runner().run(job).block();
			ledger.settle(job, outcome, clock.instant());
			acknowledge(channel, tag, job, outcome);
		}
		finally {
			consumer.workerFreed();
		}
	}

	private void acknowledge(Channel channel, long tag, Job job, Outcome outcome) throws Exception {
		switch (outcome.status()) {
			case QUEUED -> {
				retryLater(job, outcome);
				channel.basicAck(tag, false);
			}
			// Rejected without requeue, the message goes through the dead-letter exchange
			// into <queue>.dead.
			case FAILED -> channel.basicNack(tag, false, false);
			default -> channel.basicAck(tag, false);
		}
	}

	/**
	 * Publishes the message of a job's next attempt. Should RabbitMQ not confirm it, the
	 * job is left to the sweep, and the delivery at hand is still acknowledged: kept, it
	 * would hold the job until this process stops.
	 */
	private void retryLater(Job job, Outcome outcome) {
		try {
			topology.publish(job.id(), job.priority(), Duration.between(clock.instant(), outcome.retryAt()));
		}
		catch (RuntimeException ex) {
			marks.pending(job.id());
			logger.warn(
					"Pipeline {}: RabbitMQ did not take the retry of job {} ({}); a consumer publishes it again"
							+ " once it has been due for {}s",
					name(), job.id(), ex.toString(), section.republishAfter().toSeconds());
		}
	}

	private void declareOnce() {
		if (!declared) {
			topology.declare();
			declared = true;
		}
	}

}
