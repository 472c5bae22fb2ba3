package dev.moonlight.jobs;

import dev.moonlight.dispatch.WorkerPool;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolStats;

/**
 * The threads that run jobs, sized by {@code jobs.pool} with the HTTP pool's semantics. A
 * bean of its own type, not a {@link WorkerPool}, so that it never stands in for the HTTP
 * pool where one is injected by type.
 */
final class JobPool implements AutoCloseable {

	private final BoundedWorkerPool pool;

	JobPool(BoundedWorkerPool pool) {
		this.pool = pool;
	}

	WorkerPool workers() {
		return pool;
	}

	PoolStats stats() {
		return pool.stats();
	}

	/**
	 * Marks the start of shutdown: {@link #close} then waits only for what is left of
	 * {@code destroy_timeout}.
	 */
	void shutdownBegins() {
		pool.shutdownBegins();
	}

	/**
	 * Waits up to {@code destroy_timeout} for running jobs (less what a shutdown already
	 * waited), then interrupts them.
	 */
	@Override
	public void close() {
		pool.close();
	}

}
