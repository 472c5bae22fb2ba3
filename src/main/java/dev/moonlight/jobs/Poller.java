package dev.moonlight.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.logging.RequestLogContext;

/**
 * The consumer of one {@link PullQueue}: a thread that claims as many due jobs as there are free job workers, hands
 * each to the {@link JobRunner} and records its outcome on the worker that ran it. It sleeps for the poll interval
 * when there is nothing to do, and wakes at once when a job is pushed or a worker frees up in this process.
 * Housekeeping (lease renewal, freeing the jobs of dead consumers) runs on the consumer's timer, never on this
 * thread, so a claimed job waiting for a worker still keeps its lease.
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

	private boolean woken;

	private volatile boolean running = true;

	private Instant lastErrorLogged = Instant.EPOCH;

	private Poller(PullQueue queue, JobConsumer.Context consumer) {
		this.queue = queue;
		this.consumer = consumer;
		this.thread = new Thread(this::loop, "jobs-" + queue.name() + "-poller");
		this.thread.setDaemon(true);
		long every = queue.housekeepingInterval().toMillis();
		this.housekeeping = consumer.timer().scheduleWithFixedDelay(this::housekeep, 0, every, TimeUnit.MILLISECONDS);
	}

	static Poller start(PullQueue queue, JobConsumer.Context consumer) {
		Poller poller = new Poller(queue, consumer);
		queue.onPush(poller::wake);
		consumer.onWorkerFreed(poller::wake);
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
		// Keep renewing leases while the last jobs finish; the consumer cancels the timer once they have.
		consumer.afterDrained(() -> housekeeping.cancel(false));
	}

	void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	private void loop() {
		while (running) {
			try {
				if (!poll()) {
					idle(waitTime());
				}
			}
			catch (RuntimeException ex) {
				logClaimFailure(ex);
				idle(queue.pollInterval().toMillis());
			}
		}
	}

	/** Claims and starts what it can; false when there was nothing to do. */
	private boolean poll() {
		if (consumer.pauses().paused(queue.name())) {
			return false;
		}
		int free = consumer.slots().availablePermits();
		if (free == 0) {
			return false;
		}
		List<Job> jobs = queue.claim(Math.min(free, queue.prefetch()), consumer.id());
		for (Job job : jobs) {
			consumer.slots().acquireUninterruptibly();
			consumer.runner().run(job)
				.doFinally((signal) -> consumer.workerFreed())
				.subscribe((outcome) -> settle(job, outcome));
		}
		return !jobs.isEmpty();
	}

	private void settle(Job job, Outcome outcome) {
		try {
			queue.settle(job, outcome);
		}
		catch (RuntimeException ex) {
			try (RequestLogContext log = RequestLogContext.open(job.id())) {
				logger.error("Job {} ({}) ran, but its outcome ({}) could not be recorded; it runs again once its lease"
						+ " runs out", job.id(), job.label(), outcome.status().wire(), ex);
			}
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
