package dev.moonlight.dispatch;

import java.time.Duration;

import dev.moonlight.logging.RequestLogContext;
import reactor.core.publisher.Mono;

/**
 * Runs one call: looks up its invoker, then runs a blocking action on the {@link WorkerPool} and a reactive one on
 * the calling event loop. This is the one place where work moves from the event loop to a worker; everything
 * after the Mono emits (serialising the envelope) runs on the thread that finished the action. {@code exec_ttl}
 * bounds both kinds: the pool enforces it for blocking actions, a Reactor timeout for reactive ones. While an action
 * runs, its request id is in the thread's logging context.
 */
public final class Dispatcher {

	private final ActionRegistry registry;

	private final WorkerPool pool;

	private final Duration execTtl;

	/** {@code execTtl} zero means reactive actions are not bounded. */
	public Dispatcher(ActionRegistry registry, WorkerPool pool, Duration execTtl) {
		this.registry = registry;
		this.pool = pool;
		this.execTtl = execTtl;
	}

	public ActionRegistry registry() {
		return registry;
	}

	public Mono<Envelope> dispatch(ActionContext context) {
		ActionInvoker invoker;
		try {
			invoker = registry.find(context.version(), context.service(), context.action());
			if (invoker.reactive()) {
				Mono<Envelope> result;
				try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
					result = invoker.invokeReactive(context);
				}
				return execTtl.isZero() ? result : result.timeout(execTtl, Mono.error(() -> new GatewayTimeoutException(
						"The action " + invoker.label() + " took longer than " + execTtl.toMillis() + "ms")));
			}
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return pool.submit(invoker.label(), () -> {
			try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
				return invoker.invoke(context);
			}
		});
	}

}
