package dev.moonlight.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.reload.Runner;

/**
 * Works the pipelines this process consumes ({@code jobs.consume}) with
 * {@code jobs.pool.num_workers} workers shared between them. Stopping is graceful: no new
 * job is taken, jobs claimed ahead go back to the queue, and running ones get up to
 * {@code jobs.pool.destroy_timeout} to finish; those still running then go back to the
 * queue too, their attempt not counted, and are interrupted. Stopped early in shutdown,
 * right after readiness turns 503, so the web server's drain and the jobs' drain overlap.
 */
final class JobConsumer implements Runner {

	private static final Logger logger = LoggerFactory.getLogger(JobConsumer.class);

	private final Pipelines pipelines;

	private final List<String> consume;

	private final Context context;

	private final Duration destroyTimeout;

	private final JobPool pool;

	private final List<Pipeline.Consumption> consumptions = new ArrayList<>();

	private volatile boolean running;

	/**
	 * {@code pool}: the workers {@code runner} runs jobs on, which a stop interrupts once
	 * it stops waiting.
	 */
	JobConsumer(Pipelines pipelines, List<String> consume, JobRunner runner, JobPool pool, PauseState pauses,
			int workers, Duration destroyTimeout) {
		this.pipelines = pipelines;
		this.consume = List.copyOf(consume);
		this.context = new Context(ConsumerIds.next(), runner, pauses, workers);
		this.destroyTimeout = destroyTimeout;
		this.pool = pool;
	}

	String id() {
		return context.id();
	}

	@Override
	public void start() {
		for (String name : consume) {
			consumptions.add(pipelines.get(name).consume(context));
		}
		running = true;
		logger.info("Consuming jobs of {} with {} worker(s) as {}", consume, context.workers(), context.id());
	}

	@Override
	public void stop() {
		running = false;
		// The pool's own close, later in the shutdown, then waits only for what is left
		// of the same destroy_timeout.
		pool.shutdownBegins();
		consumptions.forEach(Pipeline.Consumption::stop);
		if (!context.awaitIdle(destroyTimeout)) {
			int abandoned = consumptions.stream().mapToInt(Pipeline.Consumption::abandon).sum();
			logger.warn(
					"jobs.stop: {} job(s) still running after destroy_timeout={}; they are interrupted and go back to"
							+ " the queue, their attempt not counted (amqp: the broker delivers them again)",
					abandoned, destroyTimeout);
			// Interrupted before they are handed back, so another consumer does not start
			// them while they still run.
			pool.close();
		}
		consumptions.clear();
		context.drained();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

	/**
	 * What a pipeline's consumption needs: the worker slots, the runner, the pause
	 * switches and a timer.
	 */
	static final class Context {

		private final String id;

		private final JobRunner runner;

		private final PauseState pauses;

		private final int workers;

		private final Semaphore slots;

		private final ScheduledExecutorService timer;

		private final List<Runnable> freedListeners = new CopyOnWriteArrayList<>();

		/** Which pipeline a freed worker offers itself to first. */
		private final AtomicInteger turn = new AtomicInteger();

		private final List<Runnable> drainedListeners = new CopyOnWriteArrayList<>();

		Context(String id, JobRunner runner, PauseState pauses, int workers) {
			this.id = id;
			this.runner = runner;
			this.pauses = pauses;
			this.workers = workers;
			this.slots = new Semaphore(workers);
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "jobs-housekeeping");
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			this.timer = executor;
		}

		/** This consumer's id in claims: host, process and a random part. */
		String id() {
			return id;
		}

		JobRunner runner() {
			return runner;
		}

		PauseState pauses() {
			return pauses;
		}

		int workers() {
			return workers;
		}

		/** One permit per job worker; a consumption takes one before it starts a job. */
		Semaphore slots() {
			return slots;
		}

		ScheduledExecutorService timer() {
			return timer;
		}

		void onWorkerFreed(Runnable listener) {
			freedListeners.add(listener);
		}

		/**
		 * Gives a slot back and tells the consumptions, so an idle poller claims at once.
		 */
		void workerFreed() {
			slots.release();
			// Each freed worker offers itself to the pipelines in a turn that moves on,
			// so that the first pipeline's backlog cannot keep every worker from the
			// others' buffered jobs.
			int count = freedListeners.size();
			int first = (count == 0) ? 0 : Math.floorMod(turn.getAndIncrement(), count);
			for (int i = 0; i < count; i++) {
				freedListeners.get((first + i) % count).run();
			}
		}

		/**
		 * Runs {@code task} once every running job has finished (or the drain gave up).
		 */
		void afterDrained(Runnable task) {
			drainedListeners.add(task);
		}

		boolean awaitIdle(Duration timeout) {
			try {
				if (slots.tryAcquire(workers, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					slots.release(workers);
					return true;
				}
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		void drained() {
			drainedListeners.forEach(Runnable::run);
			timer.shutdownNow();
		}

	}

}
