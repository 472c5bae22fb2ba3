package dev.moonlight.dispatch;

import java.util.function.Supplier;

/**
 * Runs the calls that carry an idempotency key, on the worker that the {@link Dispatcher}
 * gave them: the stored answer of an earlier run with the same key, or the action run
 * once with its answer kept. Calls without a key never come here.
 */
@FunctionalInterface
public interface KeyedCalls {

	/** The keys of an application without a database: refused, since none is kept. */
	KeyedCalls UNSUPPORTED = (context, label, action) -> {
		throw new BadRequestException("This application keeps no idempotency keys (it has no database); send " + label
				+ " without " + IdempotencyKeys.HEADER + ".");
	};

	/**
	 * @param context the call, whose {@link ActionContext#idempotencyKey()} is set
	 * @param label {@code service.action}
	 * @param action runs the action on the calling thread and answers its envelope
	 * @return the action's answer, or the stored one
	 */
	Envelope run(ActionContext context, String label, Supplier<Envelope> action);

}
