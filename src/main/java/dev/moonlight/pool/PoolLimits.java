package dev.moonlight.pool;

import java.time.Duration;

/**
 * The limits of one pool, as RoadRunner's {@code http.pool} section states them:
 * {@code num_workers} threads, {@code max_queue_size} waiting calls (0 = unlimited),
 * {@code allocate_timeout} for a call to wait for a worker, {@code supervisor.exec_ttl}
 * for a call to run (zero = unbounded), {@code destroy_timeout} to drain at shutdown.
 */
public record PoolLimits(int numWorkers, int maxQueueSize, Duration allocateTimeout, Duration execTtl,
		Duration destroyTimeout) {

	public PoolLimits {
		if (numWorkers < 1) {
			throw new IllegalArgumentException("num_workers must be at least 1, was " + numWorkers);
		}
	}

}
