package studio.northwind.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One connection of the load client: it keeps {@code window} requests in flight, sending
 * the next one as each answer arrives, until the clock's end. Before that,
 * {@link #prime()} makes one round trip, so a server's first-call costs (and a connection
 * that never answers) are known before the clock starts. Over the WebSocket each request
 * carries an {@code "id"} and answers are matched by it (they may overtake each other);
 * over TCP answers come back in order. Apart from the futures, everything runs on the
 * connection's event loop, so the fields need no locks; the client reads them after the
 * channel has closed.
 */
final class Flow {

	private static final byte[] OK = "\"returnCode\":0,".getBytes(StandardCharsets.US_ASCII);

	private final Clock clock;

	private final Channel channel;

	private final boolean webSocket;

	private final byte[] head;

	private final byte[] tail;

	private final int window;

	private final Map<Long, Long> sentAt = new HashMap<>();

	private final CompletableFuture<String> primed = new CompletableFuture<>();

	private boolean started;

	private long sent;

	private long answered;

	private long[] latencies = new long[1 << 14];

	private int count;

	private long errors;

	private boolean stopping;

	/**
	 * @param body the request, a JSON object; over the WebSocket {@code "id":N,} goes in
	 * front of its keys
	 */
	Flow(Clock clock, Channel channel, boolean webSocket, String body, int window) {
		this.clock = clock;
		this.channel = channel;
		this.webSocket = webSocket;
		this.head = (webSocket ? "{\"id\":" : body + "\n").getBytes(StandardCharsets.UTF_8);
		this.tail = (webSocket ? "," + body.substring(1) : "").getBytes(StandardCharsets.UTF_8);
		this.window = window;
		channel.closeFuture().addListener((closed) -> closed());
	}

	/** Sends one request; the future gives its answer. */
	CompletableFuture<String> prime() {
		channel.eventLoop().execute(this::send);
		return primed;
	}

	/** Sends the first window; from any thread, once the clock is set. */
	void start() {
		channel.eventLoop().execute(() -> {
			started = true;
			for (int i = 0; i < window; i++) {
				send();
			}
		});
	}

	/** One answer frame or line, read before Netty releases it. */
	void answer(ByteBuf content) {
		long now = System.nanoTime();
		long key = webSocket ? WelcomeFrames.id(content) : ++answered;
		Long at = sentAt.remove(key);
		boolean ok = at != null && WelcomeFrames.contains(content, OK);
		if (!started) {
			primed.complete(content.toString(StandardCharsets.UTF_8));
			return;
		}
		if (clock.measuring(now)) {
			if (ok) {
				record(now - at);
			}
			else {
				errors++;
			}
		}
		if (clock.sending(now)) {
			send();
		}
	}

	/**
	 * Closes the connection (over the WebSocket with a close frame, as a client should).
	 */
	void stop() {
		channel.eventLoop().execute(() -> {
			stopping = true;
			if (webSocket && channel.isActive()) {
				channel.writeAndFlush(new CloseWebSocketFrame(1000, "done")).addListener(ChannelFutureListener.CLOSE);
			}
			else {
				channel.close();
			}
		});
	}

	Channel channel() {
		return channel;
	}

	long[] latencies() {
		return Arrays.copyOf(latencies, count);
	}

	long errors() {
		return errors;
	}

	private void send() {
		long id = ++sent;
		ByteBuf request = Unpooled.buffer(head.length + 20 + tail.length).writeBytes(head);
		if (webSocket) {
			request.writeCharSequence(Long.toString(id), StandardCharsets.US_ASCII);
		}
		request.writeBytes(tail);
		sentAt.put(id, System.nanoTime());
		channel.writeAndFlush(webSocket ? new TextWebSocketFrame(request) : request);
	}

	private void record(long nanos) {
		if (count == latencies.length) {
			latencies = Arrays.copyOf(latencies, count * 2);
		}
		latencies[count++] = nanos;
	}

	/**
	 * A connection the server dropped before the end: its calls in flight are errors (at
	 * least one).
	 */
	private void closed() {
		primed.completeExceptionally(new IllegalStateException("the server closed the connection"));
		if (!stopping && clock.sending(System.nanoTime())) {
			errors += Math.max(1, sentAt.size());
		}
	}

}
