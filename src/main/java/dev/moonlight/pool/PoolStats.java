package dev.moonlight.pool;

/**
 * A snapshot of the pool for metrics and the {@code workers} command.
 *
 * @param workers {@code num_workers}, the most threads the pool runs
 * @param busy threads running a call
 * @param queued calls waiting for a worker
 * @param executions calls started since the pool started
 * @param rejections calls refused (503)
 * @param timeouts calls cut at {@code exec_ttl} (504)
 * @param threads threads running now: fewer than {@code workers} once {@code idle_ttl}
 * stopped some
 * @param recycled threads replaced by a fresh one ({@code max_jobs}, {@code ttl})
 */
public record PoolStats(int workers, int busy, int queued, long executions, long rejections, long timeouts, int threads,
		long recycled) {

	public int idle() {
		return workers - busy;
	}

}
