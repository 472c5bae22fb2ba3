package dev.moonlight.pool;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

}
