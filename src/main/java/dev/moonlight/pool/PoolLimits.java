package dev.moonlight.pool;

import java.time.Duration;

import dev.moonlight.config.PoolSection;
import dev.moonlight.config.SupervisorSection;

/**
 * The limits of one pool, as RoadRunner's {@code http.pool} section states them:
 * {@code num_workers} threads, {@code max_queue_size} waiting calls (0 = unlimited),
 * {@code allocate_timeout} for a call to wait for a worker, {@code supervisor.exec_ttl}
 * for a call to run (zero = unbounded), {@code destroy_timeout} to drain at shutdown, and
 * the supervisor's soft limits on each thread ({@code max_jobs}, {@code ttl},
 * {@code idle_ttl}).
 */
public record PoolLimits(int numWorkers, int maxQueueSize, Duration allocateTimeout, Duration execTtl,
		Duration destroyTimeout, SupervisorSection supervisor) {

	public PoolLimits {
		if (numWorkers < 1) {
			throw new IllegalArgumentException("num_workers must be at least 1, was " + numWorkers);
		}
	}

	/** Limits whose threads live as long as the pool. */
	public PoolLimits(int numWorkers, int maxQueueSize, Duration allocateTimeout, Duration execTtl,
			Duration destroyTimeout) {
		this(numWorkers, maxQueueSize, allocateTimeout, execTtl, destroyTimeout, SupervisorSection.NONE);
	}

	/** The limits a {@code .rr.yaml} pool block states. */
	public static PoolLimits of(PoolSection pool) {
		return new PoolLimits(pool.numWorkers(), pool.maxQueueSize(), pool.allocateTimeout(), pool.execTtl(),
				pool.destroyTimeout(), pool.supervisor());
	}

}
