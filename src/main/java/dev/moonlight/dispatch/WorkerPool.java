package dev.moonlight.dispatch;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Where blocking actions run. The dispatcher owns this interface; the pool package
 * implements it with a bounded queue, an allocation deadline (503) and an execution
 * deadline (504).
 */
@FunctionalInterface
public interface WorkerPool {

	/**
	 * Runs {@code work} on a worker; the Mono fails with a {@link MoonlightException}
	 * when rejected or too slow.
	 */
	<T> Mono<T> submit(String label, Callable<T> work);

	/**
	 * {@code result}, failing with {@code failure} unless it ends within {@code ttl}: the
	 * exec_ttl of a reactive action, which runs on no worker. A pool with a cheaper timer
	 * than Reactor's scheduled executor overrides it.
	 */
	default <T> Mono<T> within(Mono<T> result, Duration ttl, Supplier<? extends Throwable> failure) {
		return result.timeout(ttl, Mono.error(failure));
	}

}
