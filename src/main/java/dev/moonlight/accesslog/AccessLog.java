package dev.moonlight.accesslog;

import java.io.PrintStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.SmartLifecycle;

import dev.moonlight.supervision.Supervised;
import dev.moonlight.pipeline.CompletedRequest;
import dev.moonlight.pipeline.RequestListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line a request on standard output. The event loop only formats the line and offers it to a bounded queue; a
 * daemon thread writes it, so a slow terminal or pipe never stalls serving. When the queue is full the line is
 * dropped and counted, and the count is written once there is room again.
 */
public final class AccessLog implements RequestListener, SmartLifecycle {

	static final int CAPACITY = 8192;

	private final AccessLogFormat format;

	private final boolean colours;

	private final JsonMapper json;

	private final PrintStream out;

	private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);

	private final AtomicLong dropped = new AtomicLong();

	private volatile Thread writer;

	AccessLog(AccessLogFormat format, boolean colours, JsonMapper json, PrintStream out) {
		this.format = format;
		this.colours = colours;
		this.json = json;
		this.out = out;
	}

	@Override
	public void completed(CompletedRequest request) {
		if (!lines.offer(format.format(request, colours, json))) {
			dropped.incrementAndGet();
		}
	}

	/** One pass of the writer: waits a little for a line and writes it. */
	private void writeNext() throws InterruptedException {
		String line = lines.poll(200, TimeUnit.MILLISECONDS);
		if (line != null) {
			long lost = dropped.getAndSet(0);
			if (lost > 0) {
				out.println("(access log: " + lost + " lines dropped while the output was slow)");
			}
			out.println(line);
		}
		if (writer == null && lines.isEmpty()) {
			out.flush();
		}
	}

	@Override
	public synchronized void start() {
		// Supervised: the writer outlives a failed line (an OutOfMemoryError elsewhere once ended it for good).
		Thread thread = Supervised.thread("access-log", () -> writer != null || !lines.isEmpty(), this::writeNext);
		writer = thread;
		thread.start();
	}

	/** Writes what is queued, then stops; runs after the server has drained (lowest phase stops last). */
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
