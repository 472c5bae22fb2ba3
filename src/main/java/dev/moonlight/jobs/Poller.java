package dev.moonlight.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.logging.RequestLogContext;
import dev.moonlight.supervision.Supervised;

/**
 * The consumer of one {@link PullQueue}. Its thread does the queue's bookkeeping in batches: it records the outcomes
 * of finished runs together, and claims up to {@code prefetch} jobs at once into a local buffer whenever the buffer
 * is half empty. Jobs leave the buffer for free job workers at once, from whichever thread sees a worker free up (a
 * worker that finishes takes the next job itself), so the workers never wait for the poller's round trips. So the
 * database sees a few statements per batch, not several per job. The thread sleeps for the poll interval when
 * there is nothing to do and wakes at once when a job is pushed or a run finishes in this process.
 * <p>
 * Claimed jobs waiting in the buffer are running as far as the queue knows, and housekeeping (lease renewal, freeing
 * the jobs of dead consumers, on the consumer's timer) keeps their leases. On a pause or a stop the buffer is handed
 * back ({@link PullQueue#release}); on a stop the outcomes of the last runs are recorded once they have finished.
 */
final class Poller implements Pipeline.Consumption {

	private static final Logger logger = LoggerFactory.getLogger(Poller.class);

	/** Repeated claim failures (a database that went away) are logged once per this interval. */
	private static final Duration ERROR_LOG_INTERVAL = Duration.ofMinutes(1);

	private final PullQueue queue;

	private final JobConsumer.Context consumer;

	private final Thread thread;

	private final ScheduledFuture<?> housekeeping;

	private final Object signal = new Object();

	/** Claimed jobs waiting for a worker, in claim order (the queue's priority order). */
	private final ConcurrentLinkedQueue<Job> buffer = new ConcurrentLinkedQueue<>();

	/** {@code buffer}'s size, which the queue itself can only count by walking it. */
	private final AtomicInteger buffered = new AtomicInteger();

	/** Runs that finished and wait to be recorded in the next batch. */
	private final ConcurrentLinkedQueue<PullQueue.Finished> finished = new ConcurrentLinkedQueue<>();

	private boolean woken;

	/** The pipeline's pause switch as the poller last read it; workers that free up read this, not the database. */
	private volatile boolean paused;

	private volatile boolean running = true;

	private Instant lastErrorLogged = Instant.EPOCH;

	private Poller(PullQueue queue, JobConsumer.Context consumer) {
		this.queue = queue;
		this.consumer = consumer;
		String name = "jobs-" + queue.name() + "-poller";
		this.thread = Supervised.thread(name, () -> running, this::poll);
		long every = queue.housekeepingInterval().toMillis();
		this.housekeeping = consumer.timer().scheduleWithFixedDelay(
				Supervised.periodic(name + "-housekeeping", this::housekeep), 0, every, TimeUnit.MILLISECONDS);
	}

	static Poller start(PullQueue queue, JobConsumer.Context consumer) {
		Poller poller = new Poller(queue, consumer);
		queue.onPush(poller::wake);
		consumer.onWorkerFreed(poller::startBuffered);
		poller.thread.start();
		return poller;
	}

	@Override
	public void stop() {
		running = false;
		wake();
		try {
			thread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		releaseBuffer();
		// Keep renewing leases while the last jobs finish; then record their outcomes and stop the timer.
		consumer.afterDrained(() -> {
			recordFinished();
			housekeeping.cancel(false);
		});
	}

	void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	/** One pass of the poller's loop, which {@link Supervised} runs while the poller runs. */
	private void poll() {
		try {
			boolean busy = recordFinished();
			paused = consumer.pauses().paused(queue.name());
			if (paused) {
				releaseBuffer();
			}
			else {
				busy |= claim();
				startBuffered();
			}
			if (!busy) {
				idle(waitTime());
			}
		}
		catch (RuntimeException ex) {
			logClaimFailure(ex);
			idle(queue.pollInterval().toMillis());
		}
	}

	/** Tops the buffer up when it is half empty; true when it claimed jobs. */
	private boolean claim() {
		int prefetch = Math.max(1, queue.prefetch());
		int held = buffered.get();
		if (held > prefetch / 2) {
			return false;
		}
		List<Job> jobs = queue.claim(prefetch - held, consumer.id());
		buffer.addAll(jobs);
		buffered.addAndGet(jobs.size());
		return !jobs.isEmpty();
	}

	/**
	 * Starts buffered jobs on the free workers. Called by the poller after a claim and by every worker that frees
	 * up, so it is safe from any thread; a slot is taken before a job leaves the buffer, so a job is never held by a
	 * thread that cannot start it.
	 */
	private void startBuffered() {
		while (running && !paused && buffered.get() > 0 && consumer.slots().tryAcquire()) {
			Job job = buffer.poll();
			if (job == null) {
				consumer.slots().release();
				return;
			}
			buffered.decrementAndGet();
			consumer.runner().run(job)
				.doFinally((signal) -> consumer.workerFreed())
				.subscribe((outcome) -> finished(job, outcome));
		}
	}

	/** Leaves the outcome to the next batch; once stopped and drained, records it here as before. */
	private void finished(Job job, Outcome outcome) {
		if (running) {
			finished.add(new PullQueue.Finished(job, outcome));
			wake();
		}
		else {
			record(List.of(new PullQueue.Finished(job, outcome)));
		}
	}

	/** Records every finished run in one batch; true when there were any. */
	private boolean recordFinished() {
		List<PullQueue.Finished> runs = new ArrayList<>();
		for (PullQueue.Finished run = finished.poll(); run != null; run = finished.poll()) {
			runs.add(run);
		}
		if (!runs.isEmpty()) {
			record(runs);
		}
		return !runs.isEmpty();
	}

	private void record(List<PullQueue.Finished> runs) {
		try {
			queue.settleAll(runs);
		}
		catch (RuntimeException ex) {
			// One line per job, under its id as request id, so grepping a job's id finds what became of it.
			for (PullQueue.Finished run : runs) {
				try (RequestLogContext log = RequestLogContext.open(run.job().id())) {
					logger.error("Job {} ({}) ran, but its outcome ({}) could not be recorded ({}); it runs again once its"
							+ " lease runs out", run.job().id(), run.job().label(), run.outcome().status().wire(),
							ex.getMessage());
				}
			}
			logger.error("Pipeline {}: recording {} outcome(s) failed", queue.name(), runs.size(), ex);
		}
	}

	/** Claimed jobs no worker took go back to the queue (on a stop or a pause), for the next consumer. */
	private void releaseBuffer() {
		List<Job> unstarted = new ArrayList<>();
		for (Job job = buffer.poll(); job != null; job = buffer.poll()) {
			buffered.decrementAndGet();
			unstarted.add(job);
		}
		if (unstarted.isEmpty()) {
			return;
		}
		try {
			queue.release(unstarted, consumer.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Pipeline {}: {} claimed job(s) could not be handed back ({}); they run once their lease runs"
					+ " out", queue.name(), unstarted.size(), ex.getMessage());
		}
	}

	private long waitTime() {
		long poll = queue.pollInterval().toMillis();
		return queue.nextDue()
			.map((due) -> Math.max(1, Math.min(poll, Duration.between(consumer.runner().clock().instant(), due).toMillis())))
			.orElse(poll);
	}

	private void idle(long millis) {
		synchronized (signal) {
			if (!woken && running) {
				try {
					signal.wait(millis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					running = false;
				}
			}
			woken = false;
		}
	}

	private void housekeep() {
		try {
			queue.housekeeping(consumer.id());
		}
		catch (RuntimeException ex) {
			logClaimFailure(ex);
		}
	}

	private synchronized void logClaimFailure(RuntimeException ex) {
		Instant now = Instant.now();
		if (Duration.between(lastErrorLogged, now).compareTo(ERROR_LOG_INTERVAL) >= 0) {
			lastErrorLogged = now;
			logger.warn("Pipeline {}: cannot reach its jobs ({}); trying again every {}ms", queue.name(), ex.getMessage(),
					queue.pollInterval().toMillis());
		}
	}

}
