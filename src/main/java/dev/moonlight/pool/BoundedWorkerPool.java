package dev.moonlight.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.ServiceUnavailableException;
import dev.moonlight.dispatch.WorkerPool;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A fixed pool of worker threads with RoadRunner's pool semantics. A call that finds the
 * queue full, or waits longer than {@code allocate_timeout} for a worker, fails at once
 * with 503 (a timer expires it in the queue, so a stuck pool never makes a client wait
 * longer than that). A call that runs longer than {@code exec_ttl} fails with 504 and its
 * worker is interrupted; the database's statement timeout (set from the same value)
 * cancels its statement.
 * <p>
 * The deadlines are kept on a hashed wheel ({@value #TICK_MILLIS} ms ticks): arming and
 * cancelling one is a queue offer, where a scheduled executor's heap took a lock and woke
 * its thread twice a call (a third of the CPU of a small call).
 * <p>
 * The threads are {@link WorkerThreads}, which apply {@code max_jobs}, {@code ttl} and
 * {@code idle_ttl} between calls.
 */
public final class BoundedWorkerPool implements WorkerPool, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BoundedWorkerPool.class);

	private final String name;

	private final PoolLimits limits;

	private final WorkerThreads executor;

	/**
	 * How late a deadline may fire: far below any allocate_timeout or exec_ttl worth
	 * setting.
	 */
	static final int TICK_MILLIS = 10;

	private final HashedWheelTimer timer;

	private final LongAdder executions = new LongAdder();

	private final LongAdder rejections = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	/**
	 * When the application began shutting down ({@link #shutdownBegins}), so close()
	 * spends one budget, not two.
	 */
	private volatile long shutdownStartedNanos;

	/**
	 * @param name the pool's name, which is also its .rr.yaml section ({@code http} for
	 * {@code http.pool}) and the prefix of its thread names
	 * @param limits the sizes and deadlines
	 */
	public BoundedWorkerPool(String name, PoolLimits limits) {
		this(name, limits, Clock.systemUTC());
	}

	/**
	 * @param name the pool's name, which is also its .rr.yaml section ({@code http} for
	 * {@code http.pool}) and the prefix of its thread names
	 * @param limits the sizes and deadlines
	 * @param clock what {@code ttl} and {@code idle_ttl} measure a worker's age by
	 */
	public BoundedWorkerPool(String name, PoolLimits limits, Clock clock) {
		this.name = name;
		this.limits = limits;
		BlockingQueue<Runnable> queue = (limits.maxQueueSize() > 0) ? new ArrayBlockingQueue<>(limits.maxQueueSize())
				: new LinkedBlockingQueue<>();
		this.executor = new WorkerThreads(name + "-worker-", limits.numWorkers(), queue, limits.supervisor(), clock);
		this.executor.prestart();
		this.timer = new HashedWheelTimer(threads(name + "-deadlines-"), TICK_MILLIS, TimeUnit.MILLISECONDS, 512);
	}

	@Override
	public <T> Mono<T> submit(String label, Callable<T> work) {
		return Mono.create((sink) -> {
			PoolTask<T> task = new PoolTask<>(this, label, work, sink);
			try {
				executor.execute(task);
			}
			catch (RejectedExecutionException ex) {
				reject(label, "the queue is full (" + name + ".pool.max_queue_size=" + limits.maxQueueSize() + ")");
				sink.error(busy());
				return;
			}
			task.armAllocationDeadline(timer, limits.allocateTimeout());
			sink.onCancel(task::cancel);
		});
	}

	/**
	 * A reactive action's exec_ttl, on this pool's wheel rather than Reactor's scheduled
	 * executor. An expired call's failure is answered on Reactor's parallel scheduler,
	 * never on the wheel's one thread, which keeps every deadline of the pool; once the
	 * pool has stopped, Reactor's own timeout stands in.
	 */
	@Override
	public <T> Mono<T> within(Mono<T> result, Duration ttl, Supplier<? extends Throwable> failure) {
		Mono<Boolean> deadline = Mono.create((sink) -> {
			try {
				Timeout timeout = timer.newTimeout(
						(expired) -> Schedulers.parallel().schedule(() -> sink.success(Boolean.TRUE)), ttl.toNanos(),
						TimeUnit.NANOSECONDS);
				sink.onCancel(timeout::cancel);
			}
			catch (IllegalStateException stopped) {
				sink.onCancel(Schedulers.parallel()
					.schedule(() -> sink.success(Boolean.TRUE), ttl.toNanos(), TimeUnit.NANOSECONDS));
			}
		});
		return result.timeout(deadline, Mono.error(failure));
	}

	public PoolLimits limits() {
		return limits;
	}

	public PoolStats stats() {
		return new PoolStats(limits.numWorkers(), executor.busy(), executor.queued(), executions.sum(),
				rejections.sum(), timeouts.sum(), executor.live(), executor.recycled());
	}

	/**
	 * How long the oldest call still in the queue has waited for a worker; zero when
	 * nothing waits. Every worker being busy is normal under load; calls waiting long is
	 * what makes an instance a bad target.
	 */
	public Duration oldestQueuedWait() {
		Runnable head = executor.oldestQueued();
		if (head instanceof PoolTask<?> task) {
			return Duration.ofNanos(Math.max(0, System.nanoTime() - task.queuedAtNanos()));
		}
		return Duration.ZERO;
	}

	/**
	 * Each running worker: its state, executions and the call it runs with that call's
	 * age, its thread's age, CPU time and allocated bytes; for the {@code workers}
	 * command.
	 */
	public List<WorkerStatus> workers() {
		long now = System.nanoTime();
		List<WorkerThread> threads = executor.workers();
		List<WorkerStatus> statuses = new ArrayList<>(threads.size());
		for (WorkerThread worker : threads) {
			statuses.add(worker.status(now, ThreadMeters.JVM));
		}
		return statuses;
	}

	/**
	 * Marks the start of shutdown. The web server drains first, within destroy_timeout;
	 * {@link #close} then waits only for what is left of that same budget, so one stuck
	 * call cannot hold the exit for twice the timeout.
	 */
	public void shutdownBegins() {
		if (shutdownStartedNanos == 0) {
			shutdownStartedNanos = System.nanoTime();
		}
	}

	/**
	 * Stops taking calls and waits what is left of {@code destroy_timeout} for running
	 * and queued ones.
	 */
	@Override
	public void close() {
		executor.shutdown();
		long budget = limits.destroyTimeout().toNanos();
		if (shutdownStartedNanos != 0) {
			// At least a moment, for calls the drained server handed over just before it
			// stopped.
			budget = Math.max(budget - (System.nanoTime() - shutdownStartedNanos), TimeUnit.MILLISECONDS.toNanos(200));
		}
		try {
			if (!executor.awaitTermination(budget)) {
				logger.warn("pool.stop: {} calls still running after destroy_timeout={}; interrupting them", name,
						limits.destroyTimeout());
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
		timer.stop();
	}

	void expired(PoolTask<?> task, String label) {
		executor.remove(task);
		reject(label, "no worker was free within " + limits.allocateTimeout().toMillis() + "ms (" + name
				+ ".pool.allocate_timeout)");
	}

	/** Frees the queue slot of a call whose client went away before a worker took it. */
	void dequeue(PoolTask<?> task) {
		executor.remove(task);
	}

	void started(String label) {
		executions.increment();
		WorkerThread.begin(label);
	}

	void finished() {
		WorkerThread.end();
	}

	void timedOut(String label) {
		timeouts.increment();
		logger.warn("pool.exec: {} ran longer than {}ms ({}.pool.supervisor.exec_ttl); cancelled", label,
				limits.execTtl().toMillis(), name);
	}

	HashedWheelTimer timer() {
		return timer;
	}

	ServiceUnavailableException busy() {
		return new ServiceUnavailableException("Server is busy, try again later",
				Math.max(1, limits.allocateTimeout().toSeconds()));
	}

	private void reject(String label, String reason) {
		rejections.increment();
		logger.warn("pool.submit: {} rejected: {}", label, reason);
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
