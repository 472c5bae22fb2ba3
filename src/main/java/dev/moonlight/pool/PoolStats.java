package dev.moonlight.pool;

/** A snapshot of the pool for metrics and the {@code workers} command. */
public record PoolStats(int workers, int busy, int queued, long executions, long rejections, long timeouts) {

	public int idle() {
		return workers - busy;
	}

}
