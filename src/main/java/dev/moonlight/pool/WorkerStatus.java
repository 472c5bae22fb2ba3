package dev.moonlight.pool;

/**
 * One worker thread as the {@code workers} command shows it.
 *
 * @param id the worker's number, 1 to {@code num_workers}; a replaced thread keeps its
 * number
 * @param thread the thread's name
 * @param busy whether it is running a call
 * @param executions calls this worker has started
 * @param action the running call's label ({@code task.list}), or {@code null} when idle
 * @param busyMillis how long the running call has run, or 0 when idle
 */
public record WorkerStatus(int id, String thread, boolean busy, long executions, String action, long busyMillis) {

	/** RoadRunner's state names: {@code working} or {@code ready}. */
	public String state() {
		return busy ? "working" : "ready";
	}

}
