package dev.moonlight.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

import dev.moonlight.database.AfterCommit;

/**
 * The {@code memory} driver: a queue in this process, first due first served within a
 * priority (lower first). Fast, and lost when the process exits (queued and running jobs
 * included), so only for work that may be lost; only this process can consume it. Jobs
 * that wait for their time (a delay, a retry's backoff) wait apart until due.
 */
final class MemoryPipeline implements PullQueue {

	private final PipelineSection section;

	private final Clock clock;

	private final MemoryLedger ledger = new MemoryLedger();

	/**
	 * Due jobs: one first-in-first-out queue per priority; nearly always a single one.
	 */
	private final TreeMap<Integer, ArrayDeque<Job>> ready = new TreeMap<>();

	private final PriorityQueue<Job> delayed = new PriorityQueue<>(Comparator.comparing(Job::availableAt));

	private volatile Runnable wake = () -> {
	};

	MemoryPipeline(PipelineSection section, Clock clock) {
		this.section = section;
		this.clock = clock;
	}

	@Override
	public PipelineSection section() {
		return section;
	}

	@Override
	public void push(Job job) {
		// Nothing here joins a caller's transaction, so the job waits for its commit.
		AfterCommit.run("job " + job.id() + " (" + job.label() + ") on " + name(), () -> {
			ledger.put(job);
			enqueue(List.of(job), clock.instant());
			wake.run();
		});
	}

	@Override
	public List<Job> claim(int max, String consumer) {
		Instant now = clock.instant();
		List<Job> claimed = new ArrayList<>(max);
		synchronized (this) {
			promoteDue(now);
			while (claimed.size() < max && !ready.isEmpty()) {
				Map.Entry<Integer, ArrayDeque<Job>> first = ready.firstEntry();
				claimed.add(first.getValue().poll().claimed());
				if (first.getValue().isEmpty()) {
					ready.remove(first.getKey());
				}
			}
		}
		ledger.putAll(claimed);
		return claimed;
	}

	/** Always this consumer's: nothing else takes a claim of this process's memory. */
	@Override
	public Optional<Job> start(Job claimed, String consumer) {
		Job started = claimed.started(clock.instant());
		ledger.put(started);
		return Optional.of(started);
	}

	@Override
	public void settleAll(List<Finished> runs) {
		Instant now = clock.instant();
		List<Job> settled = new ArrayList<>(runs.size());
		runs.forEach((run) -> settled.add(run.outcome().applyTo(run.job(), now)));
		ledger.putAll(settled);
		enqueue(settled.stream().filter((job) -> job.status() == JobStatus.QUEUED).toList(), now);
	}

	@Override
	public void release(List<Job> jobs, String consumer) {
		List<Job> released = jobs.stream().map(Job::released).toList();
		ledger.putAll(released);
		synchronized (this) {
			// Back at the front, in the order they were claimed: they were next.
			for (int i = released.size() - 1; i >= 0; i--) {
				Job job = released.get(i);
				readyAt(job.priority()).addFirst(job);
			}
		}
	}

	@Override
	public synchronized Optional<Instant> nextDue() {
		return Optional.ofNullable(delayed.peek()).map(Job::availableAt);
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
		return ledger.find(id);
	}

	@Override
	public List<Job> list(JobStatus status, int limit) {
		return ledger.list(status, limit);
	}

	@Override
	public Map<JobStatus, Long> counts() {
		return ledger.counts();
	}

	@Override
	public List<String> retry(String id) {
		List<Job> failed = (id != null)
				? ledger.find(id).filter((job) -> job.status() == JobStatus.FAILED).stream().toList()
				: ledger.list(JobStatus.FAILED, Integer.MAX_VALUE);
		Instant now = clock.instant();
		failed.forEach((job) -> push(job.requeued(now)));
		return failed.stream().map(Job::id).toList();
	}

	@Override
	public Consumption consume(JobConsumer.Context consumer) {
		return Poller.start(this, consumer);
	}

	private synchronized void enqueue(List<Job> jobs, Instant now) {
		// Jobs that fell due meanwhile go first: first due, first served.
		promoteDue(now);
		for (Job job : jobs) {
			if (job.availableAt().isAfter(now)) {
				delayed.add(job);
			}
			else {
				readyAt(job.priority()).add(job);
			}
		}
	}

	private ArrayDeque<Job> readyAt(int priority) {
		return ready.computeIfAbsent(priority, (missing) -> new ArrayDeque<>());
	}

	private void promoteDue(Instant now) {
		while (!delayed.isEmpty() && !delayed.peek().availableAt().isAfter(now)) {
			Job due = delayed.poll();
			readyAt(due.priority()).add(due);
		}
	}

}
