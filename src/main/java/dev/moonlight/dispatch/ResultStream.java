package dev.moonlight.dispatch;

import java.util.List;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The results of an action that streams them (one returning a {@code Flux}, a
 * {@code Stream} or a {@link Cursor}), as the {@code returnData} of its envelope: a
 * transport writes the items as they come, at the pace its client reads, and never holds
 * them all. It is read once; a transport that will not read it (the client left,
 * middleware replaced the envelope) {@linkplain #discard discards} it, which frees the
 * worker and the query behind it.
 */
public final class ResultStream {

	private final Flux<?> items;

	private final Runnable discard;

	ResultStream(Flux<?> items, Runnable discard) {
		this.items = items;
		this.discard = discard;
	}

	/** A stream of a reactive source; discarding it leaves the source unsubscribed. */
	public static ResultStream of(Flux<?> items) {
		return new ResultStream(items, () -> {
		});
	}

	/**
	 * The items, each serialised as the action's {@code returnData} elements would be;
	 * cancelling the subscription cancels the query.
	 */
	public Flux<?> items() {
		return items;
	}

	/** Every item in one list: for a caller that needs the whole answer at once. */
	public Mono<List<Object>> collect() {
		return items.cast(Object.class).collectList();
	}

	/** Gives the stream up unread: the query behind it stops and its worker is freed. */
	public void discard() {
		discard.run();
	}

	/**
	 * The same stream, failed with a {@link StreamStalledException} when no item comes
	 * for {@code stall} (from the subscription, then between items); zero never fails.
	 */
	ResultStream stalling(Duration stall) {
		if (stall.isZero() || stall.isNegative()) {
			return this;
		}
		return new ResultStream(items.timeout(stall, Flux.defer(() -> Flux.error(new StreamStalledException(stall)))),
				discard);
	}

	/** The envelope's {@code returnData} if it streams, else {@code null}. */
	public static ResultStream in(Envelope envelope) {
		return (envelope != null && envelope.returnData() instanceof ResultStream stream) ? stream : null;
	}

}
