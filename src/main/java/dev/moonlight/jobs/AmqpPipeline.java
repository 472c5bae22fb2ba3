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
 * acknowledged only once its outcome is recorded.
 */
final class AmqpPipeline implements Pipeline {

	private static final Logger logger = LoggerFactory.getLogger(AmqpPipeline.class);

	private final PipelineSection section;

	private final ConnectionFactory connections;

	private final AmqpTopology topology;

	private final JdbcJobStore ledger;

	private final Clock clock;

	private final Duration destroyTimeout;

	private volatile boolean declared;

	AmqpPipeline(PipelineSection section, ConnectionFactory connections, JdbcJobStore ledger, Clock clock,
			Duration destroyTimeout) {
		this.section = section;
		this.connections = connections;
		this.topology = new AmqpTopology(section.queue(), connections);
		this.ledger = ledger;
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
	 * Publishes a job whose row has committed. Nothing sweeps queued rows that have no
	 * message, so a failure here leaves the job queued until someone publishes it again:
	 * said in the log with the job's id.
	 */
	private void publishCommitted(Job job) {
		try {
			declareOnce();
			topology.publish(job.id(), job.priority(), Duration.between(clock.instant(), job.availableAt()));
		}
		catch (RuntimeException ex) {
			logger.error(
					"Pipeline {}: job {} ({}) is stored but RabbitMQ did not take its message ({}); it stays"
							+ " queued and will not run until it is published again",
					name(), job.id(), job.label(), ex.toString());
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
			priorities.forEach((requeued, priority) -> topology.publish(requeued, priority, Duration.ZERO));
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
		return () -> {
			watch.cancel(false);
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
			Optional<Job> claimed = ledger.claimById(id, consumer.id(), now.plus(section.lease()), now);
			if (claimed.isEmpty()) {
				// Done, failed or unknown: a second delivery of a job whose
				// acknowledgement was lost. Never a job whose row is not committed
				// yet: a push inside a transaction publishes at its commit.
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
				topology.publish(job.id(), job.priority(), Duration.between(clock.instant(), outcome.retryAt()));
				channel.basicAck(tag, false);
			}
			// Rejected without requeue, the message goes through the dead-letter exchange
			// into <queue>.dead.
			case FAILED -> channel.basicNack(tag, false, false);
			default -> channel.basicAck(tag, false);
		}
	}

	private void declareOnce() {
		if (!declared) {
			topology.declare();
			declared = true;
		}
	}

}
