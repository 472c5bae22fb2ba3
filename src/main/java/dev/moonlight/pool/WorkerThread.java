package dev.moonlight.pool;

/**
 * A pool thread that records what it runs, so {@code workers} can show each worker's call
 * and its age. Only the thread itself writes its fields (a call start is three volatile
 * writes, no allocation); readers may see a call that has just ended, which a snapshot
 * for people can live with.
 */
final class WorkerThread extends Thread {

	private final int id;

	private volatile String action;

	private volatile long startedNanos;

	private volatile long executions;

	WorkerThread(Runnable task, String name, int id) {
		super(task, name);
		this.id = id;
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
		}
	}

	WorkerStatus status(long nowNanos) {
		String running = action;
		long age = (running != null) ? Math.max(0, (nowNanos - startedNanos) / 1_000_000) : 0;
		return new WorkerStatus(id, getName(), running != null, executions, running, age);
	}

}
