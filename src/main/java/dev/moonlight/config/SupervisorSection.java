package dev.moonlight.config;

import java.time.Duration;

/**
 * RoadRunner's soft worker limits ({@code pool.max_jobs} and {@code pool.supervisor.*}),
 * with their JVM meaning. None of them ever interrupts a running call: a worker thread is
 * replaced by a fresh one, or stops, only between calls, so whatever its ThreadLocals
 * hold goes with it.
 *
 * @param maxJobs {@code max_jobs}: calls after which a worker thread is replaced by a
 * fresh one; 0 (default) means never
 * @param ttl {@code supervisor.ttl}: the age after which a worker thread is replaced
 * (after its running call, or at the next tick when idle); zero (default) means never
 * @param idleTtl {@code supervisor.idle_ttl}: how long a worker may wait without a call
 * before it stops, down to {@link #IDLE_FLOOR} worker; a call that finds no idle worker
 * starts one again, up to {@code num_workers}; zero (default) means never
 * @param maxWorkerMemoryMb {@code supervisor.max_worker_memory}: the heap in use right
 * after a garbage collection, in megabytes, above which the server reloads itself (or,
 * when it cannot, reports not ready); 0 (default) means no limit. Read from
 * {@code http.pool} only: the heap is the process's
 * @param watchTick {@code supervisor.watch_tick}: how often an idle worker checks
 * {@code ttl} and {@code idle_ttl}; default 5s
 */
public record SupervisorSection(long maxJobs, Duration ttl, Duration idleTtl, long maxWorkerMemoryMb,
		Duration watchTick) {

	/**
	 * The workers {@code idle_ttl} leaves running: one, so a call never waits for a
	 * start.
	 */
	public static final int IDLE_FLOOR = 1;

	/** RoadRunner's default {@code watch_tick}. */
	public static final Duration DEFAULT_WATCH_TICK = Duration.ofSeconds(5);

	/** No limit at all: threads live as long as the pool. */
	public static final SupervisorSection NONE = new SupervisorSection(0, Duration.ZERO, Duration.ZERO, 0,
			DEFAULT_WATCH_TICK);

	/** Whether a worker thread is ever replaced ({@code max_jobs} or {@code ttl}). */
	public boolean recycles() {
		return this.maxJobs > 0 || !this.ttl.isZero();
	}

	/** Whether an idle worker must wake up to check its age or idle time. */
	public boolean watchesIdleWorkers() {
		return !this.ttl.isZero() || !this.idleTtl.isZero();
	}

}
