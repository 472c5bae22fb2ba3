package dev.moonlight.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.database.AfterCommit;

/**
 * The {@code jdbc} driver, the default: jobs are rows of {@code moonlight_jobs} in the
 * application database, durable and shared by every process on that database. A claim
 * lasts {@code lease} (10 s) and its consumer renews all it holds, running and
 * prefetched, every third of that while it lives; a job whose consumer died (its lease
 * ran out, or its process on this machine is gone) is queued again, so a crash costs one
 * extra run, never a lost job, and only a run that had started counts as an attempt.
 */
final class JdbcPipeline implements PullQueue {

	private static final Logger logger = LoggerFactory.getLogger(JdbcPipeline.class);

	private final PipelineSection section;

	private final JdbcJobStore store;

	private final Clock clock;

	/**
	 * Concurrent pushes share a transaction, so under load a commit is paid per batch of
	 * jobs, not per job.
	 */
	private final SharedBatch<Job> inserts;

	/** Workers that start jobs at the same moment share one statement. */
	private final SharedBatch<Start> starts;

	private volatile Runnable wake = () -> {
	};

	JdbcPipeline(PipelineSection section, JdbcJobStore store, Clock clock) {
		this.section = section;
		this.store = store;
		this.clock = clock;
		this.inserts = new SharedBatch<>(store::insertAll);
		this.starts = new SharedBatch<>(this::startAll);
	}

	@Override
	public PipelineSection section() {
		return section;
	}

	/**
	 * A caller with a transaction on the jobs' database inserts on that transaction's
	 * connection, so the job commits or rolls back with it; it never enters the shared
	 * batch, whose writer would either pull the other callers' jobs into its transaction
	 * or commit its job apart from it. So the batch is only ever written by a thread
	 * without one, in a transaction of its own.
	 */
	@Override
	public void push(Job job) {
		if (store.inTransaction()) {
			store.insert(job);
			AfterCommit.run("waking the consumers of " + name(), () -> wake.run());
			return;
		}
		inserts.write(job);
		wake.run();
	}

	@Override
	public List<Job> claim(int max, String consumer) {
		Instant now = clock.instant();
		return store.claim(name(), max, consumer, now.plus(section.lease()), now);
	}

	@Override
	public Optional<Job> start(Job claimed, String consumer) {
		Start start = new Start(claimed, consumer);
		starts.write(start);
		if (start.at != null) {
			return Optional.of(claimed.started(start.at));
		}
		logger.warn("Job {} ({}) is not started: the claim of consumer {} ran out meanwhile and the job was freed for"
				+ " another consumer", claimed.id(), claimed.label(), consumer);
		return Optional.empty();
	}

	private void startAll(List<Start> batch) {
		Instant now = clock.instant();
		Map<String, List<Start>> byConsumer = batch.stream().collect(Collectors.groupingBy((start) -> start.consumer));
		byConsumer.forEach((consumer, mine) -> {
			Set<String> started = store.start(mine.stream().map((start) -> start.claimed.id()).toList(), consumer,
					now.plus(section.lease()), now);
			mine.stream().filter((start) -> started.contains(start.claimed.id())).forEach((start) -> start.at = now);
		});
	}

	@Override
	public void settleAll(List<Finished> runs) {
		for (Finished stale : store.settleAll(runs, clock.instant())) {
			logger.warn(
					"Job {} ({}) finished after its lease ran out and another consumer took it over; its outcome"
							+ " ({}) is dropped",
					stale.job().id(), stale.job().label(), stale.outcome().status().wire());
		}
	}

	@Override
	public void release(List<Job> jobs, String consumer) {
		store.release(jobs, consumer);
		wake.run();
	}

	@Override
	public Duration heartbeat() {
		return section.lease().dividedBy(3);
	}

	@Override
	public void renew(String consumer, Collection<String> ids) {
		if (ids.isEmpty()) {
			// Nothing to renew, but the heartbeat learns from this beat whether its jobs
			// can be reached: one that never asked would say they are during a database
			// outage, and reclaim at its next beat.
			store.ping();
		}
		else {
			store.renew(consumer, List.copyOf(ids), clock.instant().plus(section.lease()));
		}
	}

	@Override
	public void reclaim() {
		Instant now = clock.instant();
		int expired = store.reap(name(), now);
		if (expired > 0) {
			logger
				.warn("Pipeline {}: {} job(s) of a consumer whose lease ran out are queued again (or failed when their"
						+ " last attempt had started)", name(), expired);
		}
		List<String> gone = store.holders(name()).stream().filter(ConsumerIds::goneFromThisMachine).toList();
		int taken = gone.isEmpty() ? 0 : store.takeBack(name(), gone, now);
		if (taken > 0) {
			logger.warn(
					"Pipeline {}: {} job(s) of {}, a process of this machine that is gone, are queued again (or failed"
							+ " when their last attempt had started)",
					name(), taken, gone);
		}
		if (expired + taken > 0) {
			wake.run();
		}
	}

	@Override
	public int prefetch() {
		return section.prefetch();
	}

	@Override
	public Duration pollInterval() {
		return section.pollInterval();
	}

	@Override
	public void onPush(Runnable listener) {
		this.wake = listener;
	}

	@Override
	public Optional<Job> find(String id) {
		return store.find(id).filter((job) -> job.pipeline().equals(name()));
	}

	@Override
	public List<Job> list(JobStatus status, int limit) {
		return store.list(name(), status, limit);
	}

	@Override
	public Map<JobStatus, Long> counts() {
		return store.counts(name());
	}

	@Override
	public List<String> retry(String id) {
		List<String> ids = store.requeue(name(), id, clock.instant());
		if (!ids.isEmpty()) {
			wake.run();
		}
		return ids;
	}

	@Override
	public Consumption consume(JobConsumer.Context consumer) {
		return Poller.start(this, consumer);
	}

	/**
	 * One worker's start, written together with those of other workers: {@code at} is
	 * set, before the batch's writer releases its waiters (which {@link SharedBatch} does
	 * under its lock), when the run started.
	 */
	private static final class Start {

		private final Job claimed;

		private final String consumer;

		private Instant at;

		Start(Job claimed, String consumer) {
			this.claimed = claimed;
			this.consumer = consumer;
		}

	}

}
