package dev.moonlight.pool;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.moonlight.dispatch.GatewayTimeoutException;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import reactor.core.publisher.MonoSink;

/**
 * One call in the pool. Its state moves once from QUEUED to RUNNING, EXPIRED or
 * CANCELLED, and once from RUNNING to DONE, so whichever of the worker, the allocation
 * timer and the execution timer gets there first signals the caller and the others do
 * nothing.
 */
final class PoolTask<T> implements Runnable {

	private static final int QUEUED = 0;

	private static final int RUNNING = 1;

	private static final int DONE = 2;

	private static final int EXPIRED = 3;

	private static final int CANCELLED = 4;

	private final AtomicInteger state = new AtomicInteger(QUEUED);

	private final BoundedWorkerPool pool;

	private final String label;

	private final Callable<T> work;

	private final MonoSink<T> sink;

	private volatile Timeout allocationDeadline;

	private Thread runner;

	/**
	 * When the call was handed to the pool, so readiness can tell how long the oldest
	 * queued call has waited.
	 */
	private final long queuedAtNanos = System.nanoTime();

	PoolTask(BoundedWorkerPool pool, String label, Callable<T> work, MonoSink<T> sink) {
		this.pool = pool;
		this.label = label;
		this.work = work;
		this.sink = sink;
	}

	long queuedAtNanos() {
		return queuedAtNanos;
	}

	void armAllocationDeadline(HashedWheelTimer timer, Duration timeout) {
		if (state.get() == QUEUED) {
			try {
				allocationDeadline = timer.newTimeout((deadline) -> expire(), timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (IllegalStateException stopped) {
				// The pool is stopping: its queue is drained or dropped; no deadline is
				// needed.
				return;
			}
			if (state.get() != QUEUED) {
				// A worker took the call while the deadline was being armed and may have
				// missed it.
				cancelAllocationDeadline();
			}
		}
	}

	void cancel() {
		if (state.compareAndSet(QUEUED, CANCELLED)) {
			cancelAllocationDeadline();
			pool.dequeue(this);
		}
	}

	@Override
	public void run() {
		if (!state.compareAndSet(QUEUED, RUNNING)) {
			return;
		}
		cancelAllocationDeadline();
		pool.started(label);
		Timeout execDeadline = armExecDeadline();
		try {
			T value = work.call();
			if (state.compareAndSet(RUNNING, DONE)) {
				sink.success(value);
			}
		}
		catch (Throwable ex) {
			if (state.compareAndSet(RUNNING, DONE)) {
				sink.error(ex);
			}
		}
		finally {
			if (execDeadline != null) {
				execDeadline.cancel();
			}
			synchronized (this) {
				runner = null;
			}
			pool.finished();
			// An exec deadline may have interrupted this thread; the next call must not
			// inherit the flag.
			Thread.interrupted();
		}
	}

	private Timeout armExecDeadline() {
		Duration ttl = pool.limits().execTtl();
		if (ttl.isZero() || ttl.isNegative()) {
			return null;
		}
		synchronized (this) {
			runner = Thread.currentThread();
		}
		try {
			return pool.timer().newTimeout((deadline) -> overrun(), ttl.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (IllegalStateException stopped) {
			// The pool is stopping and interrupts what still runs after destroy_timeout.
			return null;
		}
	}

	private void expire() {
		if (state.compareAndSet(QUEUED, EXPIRED)) {
			pool.expired(this, label);
			sink.error(pool.busy());
		}
	}

	private void overrun() {
		if (state.compareAndSet(RUNNING, DONE)) {
			synchronized (this) {
				if (runner != null) {
					runner.interrupt();
				}
			}
			pool.timedOut(label);
			sink.error(new GatewayTimeoutException("The action " + label + " took longer than "
					+ pool.limits().execTtl().toMillis() + "ms and was cancelled"));
		}
	}

	private void cancelAllocationDeadline() {
		Timeout deadline = allocationDeadline;
		if (deadline != null) {
			deadline.cancel();
		}
	}

}
