package dev.moonlight.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

import dev.moonlight.database.ConnectionFailures;
import dev.moonlight.logging.RequestLogContext;
import dev.moonlight.supervision.Supervised;

/**
 * The consumer of one {@link PullQueue}. Its thread does the queue's bookkeeping in
 * batches: it records the outcomes of finished runs together, and claims up to
 * {@code prefetch} jobs at once into a local buffer whenever the buffer is half empty.
 * Jobs leave the buffer for free job workers at once, from whichever thread sees a worker
 * free up (a worker that finishes takes the next job itself), so the workers never wait
 * for the poller's round trips. The worker starts the job in the queue first
 * ({@link PullQueue#start}): only then does the attempt count. So the database sees a few
 * statements per batch and one per job started. The thread sleeps for the poll interval
 * when there is nothing to do and wakes at once when a job is pushed or a run finishes in
 * this process.
 * <p>
 * Every claim the consumer holds (buffered, running, or finished and not recorded yet) is
 * in {@code held}, whose leases the {@link Heartbeat} renews. On a pause or a stop the
 * buffer is handed back ({@link PullQueue#release}); on a stop the outcomes of the last
 * runs are recorded once they have finished, and runs the consumer gave up waiting for
 * ({@link #abandon}) are handed back too, their attempt not counted.
 */
final class Poller implements Pipeline.Consumption {

	private static final Logger logger = LoggerFactory.getLogger(Poller.class);

	/**
	 * Repeated claim failures (a database that went away) are logged once per this
	 * interval.
	 */
	private static final Duration ERROR_LOG_INTERVAL = Duration.ofMinutes(1);

	private final PullQueue queue;

	private final JobConsumer.Context consumer;

	private final Thread thread;

	private final Heartbeat heartbeat;

	private final Object signal = new Object();

	/** Claimed jobs waiting for a worker, in claim order (the queue's priority order). */
	private final ConcurrentLinkedQueue<Job> buffer = new ConcurrentLinkedQueue<>();

	/** {@code buffer}'s size, which the queue itself can only count by walking it. */
	private final AtomicInteger buffered = new AtomicInteger();

	/** Runs that finished and wait to be recorded in the next batch. */
	private final ConcurrentLinkedQueue<PullQueue.Finished> finished = new ConcurrentLinkedQueue<>();

	/**
	 * Every claim this consumer holds, by job id, until its outcome is recorded or it is
	 * handed back.
	 */
	private final Map<String, Job> held = new ConcurrentHashMap<>();

	/** The runs started and not finished yet, by job id. */
	private final Map<String, Job> started = new ConcurrentHashMap<>();

	/**
	 * Runs a stopping consumer stopped waiting for: handed back once drained, whatever
	 * they answer, then or later.
	 */
	private final Map<String, Job> abandoned = new ConcurrentHashMap<>();

	private boolean woken;

	/**
	 * The pipeline's pause switch as the poller last read it; workers that free up read
	 * this, not the database.
	 */
	private volatile boolean paused;

	private volatile boolean running = true;

	private Instant lastErrorLogged = Instant.EPOCH;

	private Poller(PullQueue queue, JobConsumer.Context consumer) {
		this.queue = queue;
		this.consumer = consumer;
		String name = "jobs-" + queue.name() + "-poller";
		this.thread = Supervised.thread(name, () -> running, this::poll);
		this.heartbeat = new Heartbeat(queue, consumer, () -> List.copyOf(held.keySet()), this::logClaimFailure);
	}

	static Poller start(PullQueue queue, JobConsumer.Context consumer) {
		Poller poller = new Poller(queue, consumer);
		queue.onPush(poller::wake);
		consumer.onWorkerFreed(poller::startBuffered);
		poller.thread.start();
		poller.heartbeat.start();
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
		// Keep renewing leases while the last jobs finish; then record their outcomes and
		// stop the heartbeat.
		consumer.afterDrained(() -> {
			recordFinished();
			handBackAbandoned();
			heartbeat.stop();
		});
	}

	/**
	 * Gives up on the runs still going (a stop that waited {@code destroy_timeout}): once
	 * drained they go back to the queue with their attempt not counted, and whatever they
	 * answer meanwhile is dropped; answers how many.
	 */
	@Override
	public int abandon() {
		started.forEach(abandoned::put);
		return abandoned.size();
	}

	void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	/**
	 * One pass of the poller's loop, which {@link Supervised} runs while the poller runs.
	 */
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
		int waiting = buffered.get();
		if (waiting > prefetch / 2) {
			return false;
		}
		List<Job> jobs = queue.claim(prefetch - waiting, consumer.id());
		jobs.forEach((job) -> held.put(job.id(), job));
		buffer.addAll(jobs);
		buffered.addAndGet(jobs.size());
		return !jobs.isEmpty();
	}

	/**
	 * Starts buffered jobs on the free workers. Called by the poller after a claim and by
	 * every worker that frees up, so it is safe from any thread; a slot is taken before a
	 * job leaves the buffer, so a job is never held by a thread that cannot start it.
	 */
	private void startBuffered() {
		while (running && !paused && buffered.get() > 0 && consumer.slots().tryAcquire()) {
			Job job = buffer.poll();
			if (job == null) {
				consumer.slots().release();
				return;
			}
			buffered.decrementAndGet();
			consumer.runner()
				.start(job, this::begin)
				.doFinally((signal) -> consumer.workerFreed())
				.subscribe(this::finished);
		}
	}

	/**
	 * On the worker, right before the run: counts the attempt; empty (and no longer held)
	 * when the claim was lost.
	 */
	private Optional<Job> begin(Job claimed) {
		Optional<Job> run;
		try {
			run = queue.start(claimed, consumer.id());
		}
		catch (RuntimeException ex) {
			// Not started, so no attempt is lost: the claim, no longer renewed, frees the
			// job within one lease.
			logClaimFailure(ex);
			run = Optional.empty();
		}
		if (run.isPresent()) {
			started.put(claimed.id(), run.get());
		}
		else if (!started.containsKey(claimed.id())) {
			held.remove(claimed.id());
		}
		return run;
	}

	/**
	 * Leaves the outcome to the next batch; once stopped and drained, records it here as
	 * before.
	 */
	private void finished(PullQueue.Finished run) {
		started.remove(run.job().id());
		if (abandoned.containsKey(run.job().id())) {
			return;
		}
		if (running) {
			finished.add(run);
			wake();
		}
		else {
			record(List.of(run));
		}
	}

	/** Records every finished run in one batch; true when it recorded any. */
	private boolean recordFinished() {
		List<PullQueue.Finished> runs = new ArrayList<>();
		for (PullQueue.Finished run = finished.poll(); run != null; run = finished.poll()) {
			runs.add(run);
		}
		return !runs.isEmpty() && record(runs);
	}

	/**
	 * Records the outcomes; false when that failed. When the database could not be
	 * reached and the consumer runs, they are kept for the next batch (their claims
	 * renewed meanwhile), so a short outage does not make finished jobs run again.
	 */
	private boolean record(List<PullQueue.Finished> runs) {
		try {
			queue.settleAll(runs);
			runs.forEach((run) -> held.remove(run.job().id()));
			return true;
		}
		catch (RuntimeException ex) {
			if (running && unreachable(ex)) {
				finished.addAll(runs);
				logClaimFailure(ex);
				return false;
			}
			runs.forEach((run) -> held.remove(run.job().id()));
			// One line per job, under its id as request id, so grepping a job's id finds
			// what became of it.
			for (PullQueue.Finished run : runs) {
				try (RequestLogContext log = RequestLogContext.open(run.job().id())) {
					logger.error(
							"Job {} ({}) ran, but its outcome ({}) could not be recorded ({}); it runs again once its"
									+ " lease runs out",
							run.job().id(), run.job().label(), run.outcome().status().wire(), ex.getMessage());
				}
			}
			logger.error("Pipeline {}: recording {} outcome(s) failed", queue.name(), runs.size(), ex);
			return false;
		}
	}

	private static boolean unreachable(RuntimeException ex) {
		return ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException;
	}

	/**
	 * Claimed jobs no worker took go back to the queue (on a stop or a pause), for the
	 * next consumer.
	 */
	private void releaseBuffer() {
		List<Job> unstarted = new ArrayList<>();
		for (Job job = buffer.poll(); job != null; job = buffer.poll()) {
			buffered.decrementAndGet();
			unstarted.add(job);
		}
		handBack(unstarted, "claimed job(s)");
	}

	/**
	 * The runs given up on go back to the queue, their attempt not counted. They stay
	 * marked: an interrupted run may answer after this, and its outcome must not be
	 * recorded over the hand-back.
	 */
	private void handBackAbandoned() {
		List<Job> runs = new ArrayList<>(abandoned.values());
		handBack(runs, "job(s) still running at the stop");
		if (!runs.isEmpty()) {
			logger
				.warn("Pipeline {}: {} job(s) still running after destroy_timeout are back in the queue, their attempt"
						+ " not counted: {}", queue.name(), runs.size(), runs.stream().map(Job::id).toList());
		}
	}

	private void handBack(List<Job> jobs, String what) {
		if (jobs.isEmpty()) {
			return;
		}
		jobs.forEach((job) -> held.remove(job.id()));
		try {
			queue.release(jobs, consumer.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Pipeline {}: {} {} could not be handed back ({}); they are queued again once their lease runs"
					+ " out", queue.name(), jobs.size(), what, ex.getMessage());
		}
	}

	private long waitTime() {
		long poll = queue.pollInterval().toMillis();
		return queue.nextDue()
			.map((due) -> Math.max(1,
					Math.min(poll, Duration.between(consumer.runner().clock().instant(), due).toMillis())))
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

	private synchronized void logClaimFailure(RuntimeException ex) {
		Instant now = Instant.now();
		if (Duration.between(lastErrorLogged, now).compareTo(ERROR_LOG_INTERVAL) >= 0) {
			lastErrorLogged = now;
			if (ConnectionFailures.databaseUnavailable(ex)) {
				// A database outage: DatabaseAvailability's WARN line says so once; this
				// says what the jobs do meanwhile.
				logger.info("Pipeline {}: waits for the database ({}); trying again every {}ms", queue.name(),
						ex.getMessage(), queue.pollInterval().toMillis());
			}
			else {
				logger.warn("Pipeline {}: cannot reach its jobs ({}); trying again every {}ms", queue.name(),
						ex.getMessage(), queue.pollInterval().toMillis());
			}
		}
	}

}
