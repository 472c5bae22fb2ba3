package dev.moonlight.testapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.moonlight.database.JdbcCursor;
import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Cursor;
import dev.moonlight.dispatch.MoonlightService;
import reactor.core.publisher.Flux;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streamed answers for the wire tests: a gated stream the test lets go on once it has
 * seen the first chunk, a stream that fails half-way, a long one that counts what it
 * produced, a reactive one, and a database cursor whose close and cancel are seen.
 */
@MoonlightService("stream")
public class StreamService {

	/** Padding that makes an item about 100 bytes. */
	static final String PAD = "x".repeat(80);

	private final DataSource dataSource;

	private final AtomicLong produced = new AtomicLong();

	private volatile CountDownLatch gate = new CountDownLatch(1);

	private volatile CountDownLatch cursorClosed = new CountDownLatch(1);

	private volatile CountDownLatch cursorCancelled = new CountDownLatch(1);

	private volatile Thread producer;

	StreamService(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * {@code before} items, then waits for {@link #open}, then {@code after} more; the
	 * first chunk can only reach the client while the stream is still being produced.
	 */
	@Action
	Stream<Map<String, Object>> gated(ObjectNode params) {
		int before = params.path("before").asInt(50);
		int after = params.path("after").asInt(50);
		CountDownLatch open = this.gate;
		return IntStream.range(0, before + after).mapToObj((i) -> {
			if (i == before) {
				await(open);
			}
			return item(i);
		});
	}

	/** {@code count} items, then a failure. */
	@Action
	Stream<Map<String, Object>> failing(ObjectNode params) {
		int count = params.path("count").asInt(3);
		return IntStream.rangeClosed(0, count).mapToObj((i) -> {
			if (i == count) {
				throw new IllegalStateException("the export broke after " + count + " items");
			}
			return item(i);
		});
	}

	/** Fails before its first item: the client gets the whole error answer. */
	@Action
	Stream<Map<String, Object>> broken() {
		return Stream.generate(() -> {
			throw new IllegalStateException("no items at all");
		});
	}

	/**
	 * {@code count} items (a million by default: 100 MB), counted as they are made, on a
	 * thread the test can watch.
	 */
	@Action
	Cursor<Map<String, Object>> many(ObjectNode params) {
		long count = params.path("count").asLong(1_000_000);
		CountDownLatch closed = watch();
		return new Cursor<>() {

			@Override
			public boolean hasNext() {
				return produced.get() < count;
			}

			@Override
			public Map<String, Object> next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return item((int) produced.getAndIncrement());
			}

			@Override
			public void close() {
				closed.countDown();
			}

		};
	}

	/** A reactive stream of {@code count} items. */
	@Action
	Flux<Map<String, Object>> reactive(ObjectNode params) {
		return Flux.range(0, params.path("count").asInt(10)).map(StreamService::item);
	}

	/** One item, then nothing for ever: a Flux that stalls. */
	@Action
	Flux<Map<String, Object>> stalled() {
		return Flux.concat(Flux.just(item(0)), Flux.never());
	}

	/** An empty stream. */
	@Action
	Stream<Object> nothing() {
		return Stream.empty();
	}

	/**
	 * Every number up to {@code count} from the database, through a cursor whose close
	 * and cancel the test sees.
	 */
	@Action
	Cursor<Long> rows(ObjectNode params) {
		long count = params.path("count").asLong(10_000_000);
		CountDownLatch closed = watch();
		CountDownLatch cancelled = this.cursorCancelled;
		JdbcCursor<Long> rows = JdbcCursor.open(dataSource, "SELECT * FROM SYSTEM_RANGE(1, ?)", List.of(count),
				(rs, n) -> rs.getLong(1), 500);
		return new Cursor<>() {

			@Override
			public boolean hasNext() {
				return rows.hasNext();
			}

			@Override
			public Long next() {
				produced.incrementAndGet();
				return rows.next();
			}

			@Override
			public void cancel() {
				cancelled.countDown();
				rows.cancel();
			}

			@Override
			public void close() {
				rows.close();
				closed.countDown();
			}

		};
	}

	/** Starts watching a new stream produced on this thread. */
	private CountDownLatch watch() {
		produced.set(0);
		producer = Thread.currentThread();
		cursorCancelled = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		cursorClosed = closed;
		return closed;
	}

	/** Lets the gated stream go on; the next gated call waits again. */
	public void open() {
		CountDownLatch opened = this.gate;
		this.gate = new CountDownLatch(1);
		opened.countDown();
	}

	public long produced() {
		return produced.get();
	}

	/** The worker that produces the last {@code many} or {@code rows} stream. */
	public Thread producer() {
		return producer;
	}

	public boolean awaitCursorClosed(long seconds) throws InterruptedException {
		return cursorClosed.await(seconds, TimeUnit.SECONDS);
	}

	public boolean cursorCancelled() {
		return cursorCancelled.getCount() == 0;
	}

	static Map<String, Object> item(int n) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("n", n);
		item.put("pad", PAD);
		return item;
	}

	private static void await(CountDownLatch open) {
		try {
			// Bounded: a failed test does not hold a worker for the whole run.
			if (!open.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never opened the gate");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
