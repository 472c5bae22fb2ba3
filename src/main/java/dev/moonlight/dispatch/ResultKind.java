package dev.moonlight.dispatch;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How an action's return value becomes an envelope; read from the method signature once
 * at boot.
 */
enum ResultKind {

	/** {@code void}: a success envelope with no data. */
	NONE,
	/**
	 * Any value: {@code returnData}, or the envelope itself when the value is an
	 * {@link Envelope}.
	 */
	VALUE,
	/**
	 * A {@code CompletionStage}: blocking, runs on a worker, which is free again as soon
	 * as the action returns; the envelope is written when the stage completes (a write
	 * waiting for its {@code GroupCommit}).
	 */
	STAGE,
	/** A {@code Mono}: reactive, runs on the event loop. */
	MONO,
	/**
	 * A {@code Flux}: reactive, streamed as it comes ({@link ResultStream}); collected
	 * into a list only when another action calls it.
	 */
	FLUX,
	/**
	 * A {@code Stream} or a {@link Cursor}: blocking, runs on a worker, which then pulls
	 * the items as the client reads them and closes the source.
	 */
	STREAM;

	static ResultKind of(Method method) {
		Class<?> type = method.getReturnType();
		if (type == void.class || type == Void.class) {
			return NONE;
		}
		if (CompletionStage.class.isAssignableFrom(type)) {
			return STAGE;
		}
		if (Mono.class.isAssignableFrom(type)) {
			return MONO;
		}
		if (Flux.class.isAssignableFrom(type)) {
			return FLUX;
		}
		if (Stream.class.isAssignableFrom(type) || Cursor.class.isAssignableFrom(type)) {
			return STREAM;
		}
		if (Publisher.class.isAssignableFrom(type)) {
			throw new IllegalStateException(
					method + " returns " + type.getName() + "; a reactive action must return Mono or Flux.");
		}
		return VALUE;
	}

	boolean reactive() {
		return this == MONO || this == FLUX;
	}

}
