package dev.moonlight.dispatch;

import java.util.Iterator;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Operators;

/**
 * The items of a blocking action's {@code Stream} or {@link Cursor}, pulled by the worker
 * that ran the action, one item per unit the reader requested: the worker waits while the
 * client does not read, so nothing piles up in memory. The worker alone touches the
 * source (iterates and closes it); a reader that cancels only raises a flag and cancels
 * the cursor's statement, which any thread may do.
 */
final class BlockingStream {

	private final Object lock = new Object();

	private long demand;

	private FluxSink<Object> sink;

	private volatile boolean cancelled;

	private volatile Cursor<?> source;

	/** The reader's side, which may subscribe once. */
	Flux<Object> flux() {
		return Flux.create((subscriber) -> {
			synchronized (this.lock) {
				if (this.sink != null || this.cancelled) {
					subscriber.error(new IllegalStateException("A result stream can be read only once"));
					return;
				}
				this.sink = subscriber;
			}
			subscriber.onRequest(this::request);
			subscriber.onCancel(this::cancel);
		}, FluxSink.OverflowStrategy.ERROR);
	}

	/**
	 * The reader left, or the stream was discarded: the worker stops at its next step.
	 */
	void cancel() {
		synchronized (this.lock) {
			this.cancelled = true;
			this.lock.notifyAll();
		}
		Cursor<?> open = this.source;
		if (open != null) {
			open.cancel();
		}
	}

	/** Ends the stream with a failure the worker could not report itself (exec_ttl). */
	void fail(Throwable failure) {
		FluxSink<Object> reader;
		synchronized (this.lock) {
			reader = this.sink;
		}
		cancel();
		if (reader != null) {
			reader.error(failure);
		}
	}

	/**
	 * Pulls every item into the reader, on the calling worker, then closes the source;
	 * returns early when the reader cancels.
	 * @throws InterruptedException when exec_ttl interrupts the worker
	 */
	void pump(Cursor<?> rows) throws InterruptedException {
		this.source = rows;
		try (rows) {
			if (this.cancelled) {
				return;
			}
			while (rows.hasNext()) {
				long granted = awaitDemand();
				for (long i = 0; i < granted; i++) {
					if (this.cancelled) {
						return;
					}
					if (i > 0 && !rows.hasNext()) {
						break;
					}
					this.sink.next(rows.next());
				}
				if (this.cancelled) {
					return;
				}
			}
			this.sink.complete();
		}
	}

	private void request(long n) {
		synchronized (this.lock) {
			this.demand = Operators.addCap(this.demand, n);
			this.lock.notifyAll();
		}
	}

	/** Waits for the reader to want more; hands over at most 256 items at a time. */
	private long awaitDemand() throws InterruptedException {
		synchronized (this.lock) {
			while (this.demand == 0 && !this.cancelled) {
				this.lock.wait();
			}
			long granted = Math.min(this.demand, 256);
			this.demand -= granted;
			return granted;
		}
	}

	/** A blocking action's result as a cursor: a {@link Cursor}, a {@code Stream}. */
	static Cursor<?> cursor(Object result, String label) {
		if (result instanceof Cursor<?> cursor) {
			return cursor;
		}
		if (result instanceof Stream<?> stream) {
			return new StreamCursor<>(stream);
		}
		throw new IllegalStateException(label + " returned no stream");
	}

	/** A {@code Stream} iterated and closed on the worker. */
	private static final class StreamCursor<T> implements Cursor<T> {

		private final Stream<T> stream;

		private final Iterator<T> iterator;

		StreamCursor(Stream<T> stream) {
			this.stream = stream;
			this.iterator = stream.iterator();
		}

		@Override
		public boolean hasNext() {
			return this.iterator.hasNext();
		}

		@Override
		public T next() {
			return this.iterator.next();
		}

		@Override
		public void close() {
			this.stream.close();
		}

	}

}
