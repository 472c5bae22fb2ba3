package dev.moonlight.dispatch;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;

/**
 * Where blocking actions run. The dispatcher owns this interface; the pool package implements it with a bounded
 * queue, an allocation deadline (503) and an execution deadline (504).
 */
@FunctionalInterface
public interface WorkerPool {

	/** Runs {@code work} on a worker; the Mono fails with a {@link MoonlightException} when rejected or too slow. */
	<T> Mono<T> submit(String label, Callable<T> work);

}
