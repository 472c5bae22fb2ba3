package dev.moonlight.pool;

/**
 * One worker thread as the {@code workers} command shows it.
 *
 * @param id the worker's number, 1 to {@code num_workers}; a replaced thread keeps its
 * number
 * @param thread the thread's name
 * @param threadId the thread's id, which changes when {@code max_jobs} or {@code ttl}
 * replaces the thread (RoadRunner's PID column)
 * @param busy whether it is running a call
 * @param executions calls this thread has started
 * @param action the running call's label ({@code task.list}), or {@code null} when idle
 * @param busyMillis how long the running call has run, or 0 when idle
 * @param ageMillis how long ago the thread was made
 * @param cpuNanos the CPU time the thread has used, or -1 where the JVM does not tell
 * @param allocatedBytes the bytes the thread has allocated, or -1 where the JVM does not
 * tell
 */
public record WorkerStatus(int id, String thread, long threadId, boolean busy, long executions, String action,
		long busyMillis, long ageMillis, long cpuNanos, long allocatedBytes) {

	/** RoadRunner's state names: {@code working} or {@code ready}. */
	public String state() {
		return busy ? "working" : "ready";
	}

}
