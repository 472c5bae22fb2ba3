package dev.moonlight.pool;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.WorkerPool;

/**
 * The HTTP worker pool, sized by {@code http.pool}; at shutdown it is closed (drained
 * within destroy_timeout) once the web server has drained, before any bean is destroyed.
 */
@AutoConfiguration
public final class PoolAutoConfiguration {

	/**
	 * The phase right after Boot's graceful shutdown of the web server, which hands the
	 * pool its last calls.
	 */
	static final int CLOSE_PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 1;

	/**
	 * How long after the server accepts traffic {@code max_worker_memory} begins to count
	 * collections ({@link HeapWatch#WARM_UP}); a test's server sets less.
	 */
	public static final String HEAP_WATCH_WARM_UP_PROPERTY = "moonlight.heap-watch.warm-up";

	/**
	 * The pool; {@code ttl} and {@code idle_ttl} measure by the application's
	 * {@link Clock} bean when it has exactly one (a test's), else by the system's.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(WorkerPool.class)
	BoundedWorkerPool httpWorkerPool(MoonlightSettings settings, ObjectProvider<Clock> clock) {
		return new BoundedWorkerPool("http", PoolLimits.of(settings.http().pool()),
				clock.getIfUnique(Clock::systemUTC));
	}

	/**
	 * {@code http.pool.supervisor.max_worker_memory}: over it, the
	 * {@link HeapWatch.Failswitch} bean reloads (the reload package gives one); without
	 * one, {@code /ready} turns 503.
	 */
	@Bean
	HeapWatch moonlightHeapWatch(MoonlightSettings settings, ObjectProvider<HeapWatch.Failswitch> failswitch,
			Environment environment) {
		return new HeapWatch(settings.http().pool().supervisor().maxWorkerMemoryMb(),
				(why) -> failswitch.getIfAvailable(() -> (reason) -> "this application has no reload").reload(why),
				environment.getProperty(HEAP_WATCH_WARM_UP_PROPERTY, Duration.class, HeapWatch.WARM_UP));
	}

	/**
	 * Stops first at shutdown (highest phase), to start the pool's destroy_timeout clock
	 * when draining begins.
	 */
	@Bean
	ShutdownStep httpWorkerPoolShutdownClock(ObjectProvider<BoundedWorkerPool> pool) {
		return new ShutdownStep(Integer.MAX_VALUE, () -> pool.ifAvailable(BoundedWorkerPool::shutdownBegins));
	}

	/**
	 * Closes the pool as a step of shutdown rather than as the bean is destroyed: the
	 * DataSource is a bean too, and Spring destroys beans in no order a pool without a
	 * dependency on it could rely on. So every call has ended (or been interrupted at
	 * destroy_timeout) before the database pool closes.
	 */
	@Bean
	ShutdownStep httpWorkerPoolClose(ObjectProvider<BoundedWorkerPool> pool) {
		return new ShutdownStep(CLOSE_PHASE, () -> pool.ifAvailable(BoundedWorkerPool::close));
	}

}
