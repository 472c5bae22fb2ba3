package dev.moonlight.dispatch;

import java.lang.invoke.MethodHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One action, prepared at boot: its guard, a spread method handle bound to its bean, a
 * resolver per parameter, the parameter binder and the way its result becomes an
 * envelope. Calling it does no reflection lookup.
 */
final class ActionInvoker {

	private final String label;

	private final MethodHandle handle;

	private final ArgumentResolver[] resolvers;

	private final ParamsBinder binder;

	private final ResultKind resultKind;

	private final String message;

	private final ActionGuard guard;

	ActionInvoker(String label, MethodHandle handle, ArgumentResolver[] resolvers, ParamsBinder binder,
			ResultKind resultKind, String message, ActionGuard guard) {
		this.label = label;
		this.guard = guard;
		this.handle = handle;
		this.resolvers = resolvers;
		this.binder = binder;
		this.resultKind = resultKind;
		this.message = message;
	}

	/** {@code service.action}, for logs and pool labels. */
	String label() {
		return label;
	}

	/**
	 * The parameter record this action binds, or {@code null}; for catalogs, never read
	 * by dispatch.
	 */
	Class<?> paramsType() {
		return (binder != null) ? binder.type() : null;
	}

	boolean reactive() {
		return resultKind.reactive();
	}

	/**
	 * A blocking action that returns a {@code CompletionStage}: its worker is free once
	 * the action returns.
	 */
	boolean staged() {
		return resultKind == ResultKind.STAGE;
	}

	/** A blocking action that returns a {@code Stream} or a {@link Cursor}. */
	boolean streamed() {
		return resultKind == ResultKind.STREAM;
	}

	/**
	 * Runs a streaming action on the calling thread (a worker) and opens its source,
	 * which the caller closes.
	 */
	Cursor<?> open(ActionContext context) {
		return BlockingStream.cursor(call(context), label);
	}

	/** The envelope whose {@code returnData} streams. */
	Envelope streaming(ResultStream stream) {
		return new Envelope(0, message, stream, null);
	}

	/** Runs a blocking action on the calling thread (a worker). */
	Envelope invoke(ActionContext context) {
		return envelope(call(context));
	}

	/**
	 * Runs a staged action on the calling thread (a worker); the Mono emits when the
	 * stage it returned completes.
	 */
	Mono<Envelope> invokeStaged(ActionContext context) {
		Object stage = call(context);
		if (stage == null) {
			throw new IllegalStateException(label + " returned no CompletionStage");
		}
		// A caller who goes away does not cancel the stage: the work it stands for (a
		// write, and what follows its commit) has begun and ends as it would have. (A
		// stage that is no Future cannot be cancelled anyway, and need not support
		// toCompletableFuture().)
		Mono<?> result = (stage instanceof CompletableFuture<?> future) ? Mono.fromFuture(future, true)
				: Mono.fromCompletionStage((CompletionStage<?>) stage);
		return result.map(this::envelope).defaultIfEmpty(envelope(null));
	}

	/**
	 * Runs a reactive action; it is called on the event loop and must not block. A
	 * {@code Flux} answers at once with an envelope whose {@code returnData} streams.
	 */
	Mono<Envelope> invokeReactive(ActionContext context) {
		Object result = call(context);
		if (resultKind == ResultKind.FLUX) {
			return Mono.just(streaming(ResultStream.of((Flux<?>) result)));
		}
		return ((Mono<?>) result).map(this::envelope).defaultIfEmpty(envelope(null));
	}

	/**
	 * Checks the action's guard alone: a keyed call's replay does not run the action, and
	 * must still be one the caller may make now.
	 */
	void guard(ActionContext context) {
		guard.check(context);
	}

	/**
	 * The guard runs first: a caller who may not make the call learns nothing from
	 * validation messages.
	 */
	private Object call(ActionContext context) {
		guard.check(context);
		Object params = (binder != null) ? binder.bind(context.params()) : null;
		Object[] args = new Object[resolvers.length];
		for (int i = 0; i < resolvers.length; i++) {
			args[i] = resolvers[i].resolve(context, params);
		}
		try {
			return (Object) handle.invokeExact(args);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new ActionFailedException(label, ex);
		}
	}

	private Envelope envelope(Object value) {
		return (value instanceof Envelope envelope) ? envelope : new Envelope(0, message, value, null);
	}

	/**
	 * A checked exception thrown by an action, carried to the error mapper as an
	 * unexpected failure.
	 */
	static final class ActionFailedException extends RuntimeException {

		ActionFailedException(String label, Throwable cause) {
			super(label + " failed: " + cause.getMessage(), cause);
		}

	}

}
