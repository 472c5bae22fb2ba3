package dev.moonlight.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.logging.RequestLogContext;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs one call: looks up its invoker, then runs a blocking action on the
 * {@link WorkerPool} and a reactive one on the calling event loop. This is the one place
 * where work moves from the event loop to a worker; everything after the Mono emits
 * (serialising the envelope) runs on the thread that finished the action. A blocking
 * action that returns a {@code CompletionStage} frees its worker when it returns, and the
 * call ends when the stage completes. {@code exec_ttl} bounds every kind: the pool
 * enforces it for blocking actions, a Reactor timeout for reactive ones and for a stage.
 * While an action runs, its request id is in the thread's logging context.
 * <p>
 * A streaming action answers with an envelope whose {@code returnData} is a
 * {@link ResultStream}: a {@code Flux} as it is, a blocking {@code Stream} or
 * {@link Cursor} pulled by the worker that ran the action, one item per item the
 * transport asks for, until the source ends or the client leaves
 * ({@link BlockingStream}); exec_ttl bounds that worker's whole task.
 * <p>
 * The call's {@link Deferred} tasks run on the same pool once the call has finished or,
 * for a call that holds them for its response, when the caller says the response is
 * written ({@link #afterResponse}).
 */
public final class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final ActionRegistry registry;

	private final WorkerPool pool;

	private final Duration execTtl;

	private final Duration streamStall;

	private final KeyedCalls keys;

	/** {@code execTtl} zero means reactive actions are not bounded. */
	public Dispatcher(ActionRegistry registry, WorkerPool pool, Duration execTtl) {
		this(registry, pool, execTtl, BlockingStream.DEFAULT_STALL);
	}

	/**
	 * @param streamStall {@code http.stream_stall_timeout}: the longest a stream may go
	 * without progress (its reader wanting no item, or a {@code Flux} giving none); zero
	 * waits for ever
	 */
	public Dispatcher(ActionRegistry registry, WorkerPool pool, Duration execTtl, Duration streamStall) {
		this(registry, pool, execTtl, streamStall, KeyedCalls.UNSUPPORTED);
	}

	/**
	 * @param keys runs the calls that carry an idempotency key
	 */
	public Dispatcher(ActionRegistry registry, WorkerPool pool, Duration execTtl, Duration streamStall,
			KeyedCalls keys) {
		this.registry = registry;
		this.pool = pool;
		this.execTtl = execTtl;
		this.streamStall = streamStall;
		this.keys = keys;
	}

	public ActionRegistry registry() {
		return registry;
	}

	/**
	 * The same actions run on another pool (the jobs pool), with that pool's
	 * {@code exec_ttl}.
	 */
	public Dispatcher on(WorkerPool otherPool, Duration otherExecTtl) {
		return new Dispatcher(registry, otherPool, otherExecTtl, streamStall, keys);
	}

	public Mono<Envelope> dispatch(ActionContext context) {
		Mono<Envelope> result = invoke(context);
		if (!context.deferred().heldForResponse()) {
			return result.doFinally((signal) -> afterResponse(context));
		}
		// A caller that leaves before the answer never releases the tasks. A blocking
		// action already running still finishes and may have written: its tasks run once
		// it has returned, whichever of the two comes last releases them.
		return result.doOnCancel(() -> {
			if (context.deferred().abandon()) {
				afterResponse(context);
			}
		});
	}

	/**
	 * Runs a call on the calling thread, which must be allowed to block (a worker, never
	 * an event loop): the way an action calls another one without waiting for a second
	 * worker.
	 * @throws MoonlightException as the action threw it
	 */
	public Envelope call(ActionContext context) {
		ActionInvoker invoker = registry.find(context.version(), context.service(), context.action());
		try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
			if (invoker.reactive()) {
				return collected(invoker.invokeReactive(context).block());
			}
			if (invoker.streamed()) {
				return collected(invoker, context);
			}
			return invoker.staged() ? invoker.invokeStaged(context).block() : invoker.invoke(context);
		}
		finally {
			if (!context.deferred().heldForResponse()) {
				afterResponse(context);
			}
		}
	}

	/**
	 * Releases the deferred tasks of a call whose response has been written; each runs
	 * once, in order.
	 */
	public void afterResponse(ActionContext context) {
		List<Runnable> tasks = context.deferred().drain();
		if (tasks.isEmpty()) {
			return;
		}
		String label = context.service() + "." + context.action() + " (deferred)";
		pool.submit(label, () -> {
			runDeferred(context.requestId(), label, tasks);
			return Boolean.TRUE;
		}).subscribe(null, (ex) -> {
			try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
				logger.warn("Deferred work of {} did not run: {}", label, ex.getMessage());
			}
		});
	}

	private static void runDeferred(String requestId, String label, List<Runnable> tasks) {
		try (RequestLogContext log = RequestLogContext.open(requestId)) {
			for (Runnable task : tasks) {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.error("Deferred task of {} failed", label, ex);
				}
			}
		}
	}

	/** A streamed answer whole, for a caller on a worker that needs it at once. */
	private static Envelope collected(Envelope envelope) {
		ResultStream stream = ResultStream.in(envelope);
		return (stream != null) ? envelope.withData(stream.collect().block()) : envelope;
	}

	private static Envelope collected(ActionInvoker invoker, ActionContext context) {
		List<Object> items = new ArrayList<>();
		try (Cursor<?> rows = invoker.open(context)) {
			rows.forEachRemaining(items::add);
		}
		return invoker.streaming(null).withData(items);
	}

	/**
	 * A blocking stream: the worker runs the action and reads the first item (so a
	 * failing query is still an error answer), hands out the envelope, then stays to pull
	 * the rest as the client reads; exec_ttl bounds the whole of it (the pool enforces it
	 * on the worker's task), and the stall timeout each wait for the reader's demand. The
	 * call's deferred work starts once the stream has ended.
	 */
	private Mono<Envelope> stream(ActionInvoker invoker, ActionContext context) {
		BlockingStream items = new BlockingStream(streamStall);
		return Mono.create((answer) -> {
			AtomicBoolean answered = new AtomicBoolean();
			Disposable task = pool.submit(invoker.label(), () -> {
				try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
					Cursor<?> rows = invoker.open(context);
					try {
						rows.hasNext();
					}
					catch (RuntimeException ex) {
						rows.close();
						throw ex;
					}
					answered.set(true);
					answer.success(invoker.streaming(new ResultStream(items.flux(), items::cancel)));
					items.pump(rows);
					return Boolean.TRUE;
				}
				finally {
					if (context.deferred().finish()) {
						afterResponse(context);
					}
				}
			}).subscribe(null, (failure) -> {
				if (answered.get()) {
					items.fail(failure);
				}
				else {
					answer.error(failure);
				}
			});
			answer.onCancel(() -> {
				items.cancel();
				task.dispose();
			});
		});
	}

	private Mono<Envelope> invoke(ActionContext context) {
		ActionInvoker invoker;
		try {
			invoker = registry.find(context.version(), context.service(), context.action());
			if (invoker.reactive() && context.idempotencyKey() == null) {
				Mono<Envelope> result;
				try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
					result = invoker.invokeReactive(context).map(this::stalling);
				}
				return bounded(result, invoker);
			}
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		if (context.idempotencyKey() != null) {
			return keyed(invoker, context);
		}
		if (invoker.streamed()) {
			return stream(invoker, context);
		}
		if (invoker.staged()) {
			return pool.submit(invoker.label(), () -> {
				try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
					return bounded(invoker.invokeStaged(context), invoker);
				}
			}).flatMap(Function.identity());
		}
		return pool.submit(invoker.label(), () -> {
			try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
				return invoker.invoke(context);
			}
			finally {
				if (context.deferred().finish()) {
					afterResponse(context);
				}
			}
		});
	}

	/**
	 * A keyed call runs on a worker, whatever its kind: {@link KeyedCalls} wraps it in
	 * the transaction that also stores its answer, and a JDBC transaction belongs to a
	 * thread. A staged action is waited for on that worker. A streamed or reactive action
	 * answers nothing that could be stored whole with the action's writes, so it takes no
	 * key; neither does an anonymous call nor one that uploads files.
	 */
	private Mono<Envelope> keyed(ActionInvoker invoker, ActionContext context) {
		if (invoker.streamed() || invoker.reactive()) {
			return Mono.error(new BadRequestException(invoker.label() + " streams or is reactive and takes no "
					+ IdempotencyKeys.HEADER + "; only blocking actions do."));
		}
		if (!context.caller().authenticated()) {
			// An anonymous retry cannot be told from a stranger who sent the same key.
			return Mono.error(new BadRequestException("An " + IdempotencyKeys.HEADER
					+ " belongs to a logged-in caller; " + invoker.label() + " was called anonymously."));
		}
		if (!context.files().isEmpty()) {
			// The stored request check covers the parameters, not the uploaded files.
			return Mono.error(new BadRequestException(
					"A call that uploads files takes no " + IdempotencyKeys.HEADER + "; send it without one."));
		}
		return pool.submit(invoker.label(), () -> {
			try (RequestLogContext log = RequestLogContext.open(context.requestId())) {
				// A replay skips the action, not its guard: a caller who lost the right
				// to make the call does not get its stored answer either.
				invoker.guard(context);
				return keys.run(context, invoker.label(),
						() -> invoker.staged() ? invoker.invokeStaged(context).block() : invoker.invoke(context));
			}
			finally {
				if (context.deferred().finish()) {
					afterResponse(context);
				}
			}
		});
	}

	/**
	 * A streamed answer of a {@code Flux}: exec_ttl bounds only the envelope, so a stall
	 * timeout bounds the wait for each item.
	 */
	private Envelope stalling(Envelope envelope) {
		ResultStream stream = ResultStream.in(envelope);
		return (stream != null) ? envelope.withData(stream.stalling(streamStall)) : envelope;
	}

	private Mono<Envelope> bounded(Mono<Envelope> result, ActionInvoker invoker) {
		return execTtl.isZero() ? result : pool.within(result, execTtl, () -> new GatewayTimeoutException(
				"The action " + invoker.label() + " took longer than " + execTtl.toMillis() + "ms"));
	}

}
