package dev.moonlight.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

import dev.moonlight.config.PipelineSection;

/**
 * The {@code memory} driver: a priority queue in this process. Fast, and lost when the process exits (queued and
 * running jobs included), so only for work that may be lost; only this process can consume it.
 */
final class MemoryPipeline implements PullQueue {

	private static final Comparator<Job> READY_ORDER = Comparator.comparingInt(Job::priority)
		.thenComparing(Job::availableAt)
		.thenComparing(Job::createdAt);

	private final PipelineSection section;

	private final Clock clock;

	private final MemoryLedger ledger = new MemoryLedger();

	private final PriorityQueue<Job> ready = new PriorityQueue<>(READY_ORDER);

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
		ledger.put(job);
		enqueue(job);
		wake.run();
	}

	@Override
	public List<Job> claim(int max, String consumer) {
		Instant now = clock.instant();
		List<Job> claimed = new ArrayList<>();
		synchronized (this) {
			while (!delayed.isEmpty() && !delayed.peek().availableAt().isAfter(now)) {
				ready.add(delayed.poll());
			}
			while (claimed.size() < max && !ready.isEmpty()) {
				claimed.add(ready.poll().claimed(now));
			}
		}
		claimed.forEach(ledger::put);
		return claimed;
	}

	@Override
	public void settle(Job ran, Outcome outcome) {
		Job next = outcome.applyTo(ran, clock.instant());
		ledger.put(next);
		if (next.status() == JobStatus.QUEUED) {
			enqueue(next);
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
		List<Job> failed = (id != null) ? ledger.find(id).filter((job) -> job.status() == JobStatus.FAILED).stream().toList()
				: ledger.list(JobStatus.FAILED, Integer.MAX_VALUE);
		Instant now = clock.instant();
		failed.forEach((job) -> push(job.requeued(now)));
		return failed.stream().map(Job::id).toList();
	}

	@Override
	public Consumption consume(JobConsumer.Context consumer) {
		return Poller.start(this, consumer);
	}

	private synchronized void enqueue(Job job) {
		if (job.availableAt().isAfter(clock.instant())) {
			delayed.add(job);
		}
		else {
			ready.add(job);
		}
	}

}
