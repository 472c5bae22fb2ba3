package dev.moonlight.accesslog;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.SmartLifecycle;

import dev.moonlight.pipeline.CompletedRequest;
import dev.moonlight.pipeline.RequestListener;
import dev.moonlight.supervision.Supervised;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line a request (and a WebSocket frame's or TCP line's call) on standard output. A
 * server thread only offers the line's fields ({@link AccessEntry}) to a bounded queue; a
 * daemon thread formats what is queued and writes it in one batch, so neither formatting
 * nor a slow terminal or pipe costs the event loop. When the queue is full the line is
 * dropped and counted, and the count is written once there is room again.
 */
public final class AccessLog implements RequestListener, SmartLifecycle {

	static final int CAPACITY = 8192;

	/**
	 * At most this many lines a write: one system call for a burst, a bounded buffer for
	 * a flood.
	 */
	static final int BATCH = 256;

	private final AccessLogFormat format;

	private final boolean colours;

	private final JsonMapper json;

	private final PrintStream out;

	/** This instance's id, or {@code null} when lines do not name it. */
	private final String instance;

	/** Whether pretty lines name the instance too (raw lines always do). */
	private final boolean prettyInstance;

	private final BlockingQueue<AccessEntry> lines = new ArrayBlockingQueue<>(CAPACITY);

	/** The writer thread's own: the requests of one batch and their text. */
	private final List<AccessEntry> batch = new ArrayList<>(BATCH);

	private final StringBuilder text = new StringBuilder(BATCH * 96);

	private final AtomicLong dropped = new AtomicLong();

	private volatile Thread writer;

	AccessLog(AccessLogFormat format, boolean colours, JsonMapper json, PrintStream out) {
		this(format, colours, json, out, null, false);
	}

	/**
	 * @param instance this instance's id ({@code instance} of raw lines), or {@code null}
	 * @param prettyInstance whether pretty lines start with it too: when the operator
	 * named the instance, as a cluster does
	 */
	AccessLog(AccessLogFormat format, boolean colours, JsonMapper json, PrintStream out, String instance,
			boolean prettyInstance) {
		this.format = format;
		this.colours = colours;
		this.json = json;
		this.out = out;
		this.instance = instance;
		this.prettyInstance = prettyInstance;
	}

	@Override
	public void completed(CompletedRequest request) {
		if (!lines.offer(AccessEntry.of(request))) {
			dropped.incrementAndGet();
		}
	}

	/**
	 * One pass of the writer: waits a little for a request, then formats and writes what
	 * is queued.
	 */
	private void writeNext() throws InterruptedException {
		AccessEntry first = lines.poll(200, TimeUnit.MILLISECONDS);
		if (first == null) {
			return;
		}
		batch.clear();
		batch.add(first);
		lines.drainTo(batch, BATCH - 1);
		text.setLength(0);
		long lost = dropped.getAndSet(0);
		if (lost > 0) {
			text.append("(access log: ")
				.append(lost)
				.append(" lines dropped while the output was slow)")
				.append(System.lineSeparator());
		}
		for (AccessEntry entry : batch) {
			try {
				text.append(format.format(entry, colours, json, instance, prettyInstance))
					.append(System.lineSeparator());
			}
			catch (RuntimeException ex) {
				// One line that cannot be written costs that line, counted, not the
				// batch.
				dropped.incrementAndGet();
			}
		}
		batch.clear();
		out.print(text);
		out.flush();
	}

	@Override
	public synchronized void start() {
		// Supervised: the writer outlives a failed line (an OutOfMemoryError elsewhere
		// once ended it for good).
		Thread thread = Supervised.thread("access-log", () -> writer != null || !lines.isEmpty(), this::writeNext);
		writer = thread;
		thread.start();
	}

	/**
	 * Writes what is queued, then stops; runs after the server has drained (lowest phase
	 * stops last).
	 */
	@Override
	public synchronized void stop() {
		Thread thread = writer;
		writer = null;
		if (thread != null) {
			try {
				thread.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return writer != null;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
