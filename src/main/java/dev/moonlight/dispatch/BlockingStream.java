package dev.moonlight.dispatch;

import java.time.Duration;
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

	/** How long a reader may want nothing before the stream fails, by default. */
	static final Duration DEFAULT_STALL = Duration.ofSeconds(60);

	private final Object lock = new Object();

	/** The longest wait for the reader's demand; zero waits for ever. */
	private final Duration stall;

	private long demand;

	private FluxSink<Object> sink;

	/**
	 * The source ended before a reader came (an empty stream whose answer is still queued
	 * behind a pipelined one): the reader sees the end when it subscribes.
	 */
	private boolean ended;

	private volatile boolean cancelled;

	/** The source while the pump reads it; cleared, under the lock, before its close. */
	private Cursor<?> source;

	BlockingStream() {
		this(DEFAULT_STALL);
	}

	/**
	 * @param stall the longest wait for the reader's demand; zero waits for ever
	 */
	BlockingStream(Duration stall) {
		this.stall = stall;
	}

	/** The reader's side, which may subscribe once. */
	Flux<Object> flux() {
		return Flux.create((subscriber) -> {
			boolean alreadyEnded;
			synchronized (this.lock) {
				if (this.sink != null || this.cancelled) {
					subscriber.error(new IllegalStateException("A result stream can be read only once"));
					return;
				}
				this.sink = subscriber;
				alreadyEnded = this.ended;
			}
			subscriber.onRequest(this::request);
			subscriber.onCancel(this::cancel);
			if (alreadyEnded) {
				subscriber.complete();
			}
		}, FluxSink.OverflowStrategy.ERROR);
	}

	/**
	 * The reader left, or the stream was discarded: the worker stops at its next step.
	 */
	void cancel() {
		Cursor<?> open;
		synchronized (this.lock) {
			this.cancelled = true;
			this.lock.notifyAll();
			open = this.source;
		}
		// Null once the pump has finished: a finished stream is never cancelled. The
		// cursor itself ignores a cancel that comes after its close.
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
		synchronized (this.lock) {
			this.source = rows;
		}
		try {
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
		}
		finally {
			synchronized (this.lock) {
				this.source = null;
			}
			rows.close();
		}
		// After the close: the reader sees the end once the source is released. An
		// empty source asks for no demand, so its reader may not have come yet.
		FluxSink<Object> reader;
		synchronized (this.lock) {
			this.ended = true;
			reader = this.sink;
		}
		if (reader != null) {
			reader.complete();
		}
	}

	private void request(long n) {
		synchronized (this.lock) {
			this.demand = Operators.addCap(this.demand, n);
			this.lock.notifyAll();
		}
	}

	/**
	 * Waits for the reader to want more; hands over at most 256 items at a time.
	 * @throws StreamStalledException when the reader wants nothing for the stall timeout
	 */
	private long awaitDemand() throws InterruptedException {
		synchronized (this.lock) {
			long limit = this.stall.toNanos();
			long deadline = System.nanoTime() + limit;
			while (this.demand == 0 && !this.cancelled) {
				if (limit <= 0) {
					this.lock.wait();
					continue;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new StreamStalledException(this.stall);
				}
				this.lock.wait(Math.max(1, left / 1_000_000), 0);
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
