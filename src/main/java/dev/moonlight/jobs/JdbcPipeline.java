package dev.moonlight.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.config.PipelineSection;

/**
 * The {@code jdbc} driver, the default: jobs are rows of {@code moonlight_jobs} in the application database, durable
 * and shared by every process on that database. A claim lasts {@code visibility_timeout} and its consumer renews it
 * every third of that while the job runs; a job whose consumer died (its lease ran out) is queued again, so a crash
 * costs one extra run, never a lost job.
 */
final class JdbcPipeline implements PullQueue {

	private static final Logger logger = LoggerFactory.getLogger(JdbcPipeline.class);

	private final PipelineSection section;

	private final JdbcJobStore store;

	private final Clock clock;

	/** Concurrent pushes share a transaction, so under load a commit is paid per batch of jobs, not per job. */
	private final GroupCommit<Job> inserts;

	private volatile Runnable wake = () -> {
	};

	JdbcPipeline(PipelineSection section, JdbcJobStore store, Clock clock) {
		this.section = section;
		this.store = store;
		this.clock = clock;
		this.inserts = new GroupCommit<>(store::insertAll);
	}

	@Override
	public PipelineSection section() {
		return section;
	}

	@Override
	public void push(Job job) {
		inserts.write(job);
		wake.run();
	}

	@Override
	public List<Job> claim(int max, String consumer) {
		Instant now = clock.instant();
		return store.claim(name(), max, consumer, now.plus(section.visibilityTimeout()), now);
	}

	@Override
	public void settleAll(List<Finished> runs) {
		for (Finished stale : store.settleAll(runs, clock.instant())) {
			logger.warn("Job {} ({}) finished after its lease ran out and another consumer took it over; its outcome"
					+ " ({}) is dropped", stale.job().id(), stale.job().label(), stale.outcome().status().wire());
		}
	}

	@Override
	public void release(List<Job> unstarted, String consumer) {
		store.release(unstarted, consumer);
		wake.run();
	}

	@Override
	public Duration housekeepingInterval() {
		return section.visibilityTimeout().dividedBy(3);
	}

	@Override
	public void housekeeping(String consumer) {
		Instant now = clock.instant();
		store.renew(consumer, now.plus(section.visibilityTimeout()));
		int freed = store.reap(name(), now);
		if (freed > 0) {
			logger.warn("Pipeline {}: {} job(s) of a consumer that stopped are queued again (or failed when out of"
					+ " attempts)", name(), freed);
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

}
