package dev.moonlight.pool;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.PoolSection;
import dev.moonlight.dispatch.WorkerPool;

/** The HTTP worker pool, sized by {@code http.pool}; closed (drained within destroy_timeout) at shutdown. */
@AutoConfiguration
public final class PoolAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(WorkerPool.class)
	BoundedWorkerPool httpWorkerPool(MoonlightSettings settings) {
		PoolSection pool = settings.http().pool();
		return new BoundedWorkerPool("http", new PoolLimits(pool.numWorkers(), pool.maxQueueSize(),
				pool.allocateTimeout(), pool.execTtl(), pool.destroyTimeout()));
	}

	/** Stops first at shutdown (highest phase), to start the pool's destroy_timeout clock when draining begins. */
	@Bean
	SmartLifecycle httpWorkerPoolShutdownClock(ObjectProvider<BoundedWorkerPool> pool) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				running = true;
			}

			@Override
			public void stop() {
				running = false;
				pool.ifAvailable(BoundedWorkerPool::shutdownBegins);
			}

			@Override
			public boolean isRunning() {
				return running;
			}

			@Override
			public int getPhase() {
				return Integer.MAX_VALUE;
			}

		};
	}

}
