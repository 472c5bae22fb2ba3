package dev.moonlight.dispatch;

import reactor.core.publisher.Mono;

/**
 * Runs one call: looks up its invoker, then runs a blocking action on the {@link WorkerPool} and a reactive one on
 * the calling event loop. This is the one place where work moves from the event loop to a worker; everything
 * after the Mono emits (serialising the envelope) runs on the thread that finished the action.
 */
public final class Dispatcher {

	private final ActionRegistry registry;

	private final WorkerPool pool;

	public Dispatcher(ActionRegistry registry, WorkerPool pool) {
		this.registry = registry;
		this.pool = pool;
	}

	public ActionRegistry registry() {
		return registry;
	}

	public Mono<Envelope> dispatch(ActionContext context) {
		ActionInvoker invoker;
		try {
			invoker = registry.find(context.version(), context.service(), context.action());
			if (invoker.reactive()) {
				return invoker.invokeReactive(context);
			}
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return pool.submit(invoker.label(), () -> invoker.invoke(context));
	}

}
