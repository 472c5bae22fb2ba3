package dev.moonlight.pool;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

import dev.moonlight.config.SupervisorSection;

/**
 * A pool thread that records what it runs, so {@code workers} can show each worker's call
 * and its age, and the supervisor can tell when to replace it. Only the thread itself
 * writes its fields (a call start is three volatile writes, no allocation); readers may
 * see a call that has just ended, which a snapshot for people can live with.
 */
final class WorkerThread extends Thread {

	private final int id;

	private final Clock clock;

	/**
	 * When the thread was made, by the pool's clock: {@code supervisor.ttl} counts from
	 * it.
	 */
	private final long bornMillis;

	/** Held while a call runs, so that shutdown wakes only a waiting worker. */
	private final ReentrantLock running = new ReentrantLock();

	private volatile String action;

	private volatile long startedNanos;

	private volatile long executions;

	/** When the last call ended (or the thread was made), by the pool's clock. */
	private volatile long idleSinceMillis;

	/** Set once the thread has left its slot: replaced, or stopped for idleness. */
	private boolean gone;

	/**
	 * @param contextClassLoader the pool's, set rather than inherited: a worker inherits
	 * nothing (no inheritable thread locals either) from the thread that starts it
	 */
	WorkerThread(Runnable work, String name, int id, Clock clock, ClassLoader contextClassLoader) {
		super(null, work, name, 0, false);
		setContextClassLoader(contextClassLoader);
		this.id = id;
		this.clock = clock;
		this.bornMillis = clock.millis();
		this.idleSinceMillis = this.bornMillis;
		setDaemon(true);
	}

	/** Marks the current thread busy with {@code label}, when it is a pool worker. */
	static void begin(String label) {
		if (Thread.currentThread() instanceof WorkerThread worker) {
			worker.startedNanos = System.nanoTime();
			// Only this thread writes the count, so a plain read-then-write on the
			// volatile loses nothing.
			worker.executions = worker.executions + 1;
			worker.action = label;
		}
	}

	/** Marks the current thread idle again. */
	static void end() {
		if (Thread.currentThread() instanceof WorkerThread worker) {
			worker.action = null;
			worker.idleSinceMillis = worker.clock.millis();
		}
	}

	int id() {
		return id;
	}

	/**
	 * Why this worker is due for a fresh thread ({@code max_jobs} or {@code ttl}), or
	 * {@code null}.
	 */
	String recycleReason(SupervisorSection supervisor) {
		if (supervisor.maxJobs() > 0 && executions >= supervisor.maxJobs()) {
			return "ran max_jobs=" + supervisor.maxJobs() + " calls";
		}
		if (!supervisor.ttl().isZero() && clock.millis() - bornMillis >= supervisor.ttl().toMillis()) {
			return "is older than ttl=" + supervisor.ttl();
		}
		return null;
	}

	boolean idleTooLong(SupervisorSection supervisor) {
		return !supervisor.idleTtl().isZero() && action == null
				&& clock.millis() - idleSinceMillis >= supervisor.idleTtl().toMillis();
	}

	void lockForCall() {
		running.lock();
	}

	void unlockAfterCall() {
		running.unlock();
	}

	/** Interrupts the thread unless it runs a call. */
	void wakeIfWaiting() {
		if (running.tryLock()) {
			try {
				interrupt();
			}
			finally {
				running.unlock();
			}
		}
	}

	void markGone() {
		gone = true;
	}

	boolean gone() {
		return gone;
	}

	WorkerStatus status(long nowNanos, ThreadMeters meters) {
		String running = action;
		long age = (running != null) ? Math.max(0, (nowNanos - startedNanos) / 1_000_000) : 0;
		return new WorkerStatus(id, getName(), getId(), running != null, executions, running, age,
				Math.max(0, clock.millis() - bornMillis), meters.cpuNanos(this), meters.allocatedBytes(this));
	}

}
