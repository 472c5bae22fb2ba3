package dev.moonlight.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client for the wire tests, on Java's own {@code HttpClient}: text messages
 * are queued as they arrive, the close status is kept. A paused client reads nothing from
 * the network until {@link #resume()}, as a client too slow to keep up would.
 */
public final class WsClient implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// One client for every socket: Java 17's HttpClient cannot be closed, and each would
	// keep a selector thread.
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final Listener listener;

	private final WebSocket socket;

	private WsClient(Listener listener, WebSocket socket) {
		this.listener = listener;
		this.socket = socket;
	}

	public static WsClient connect(String url) {
		return connect(url, Map.of(), false);
	}

	public static WsClient connect(String url, Map<String, String> headers) {
		return connect(url, headers, false);
	}

	/**
	 * @param url {@code ws://127.0.0.1:PORT/api/v1/ws}
	 * @param headers handshake headers, such as {@code Authorization}
	 * @param paused whether to read nothing until {@link #resume()}
	 */
	public static WsClient connect(String url, Map<String, String> headers, boolean paused) {
		return connect(HTTP, url, headers, paused);
	}

	/**
	 * Connects with {@code client}, such as one trusting a test certificate for
	 * {@code wss://} (Java's client speaks HTTP/1.1 for WebSockets whatever version the
	 * client prefers).
	 */
	public static WsClient connect(HttpClient client, String url, Map<String, String> headers, boolean paused) {
		Listener listener = new Listener(paused);
		WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(WAIT);
		headers.forEach(builder::header);
		try {
			WebSocket socket = builder.buildAsync(URI.create(url), listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
			return new WsClient(listener, socket);
		}
		catch (Exception ex) {
			throw new IllegalStateException("WebSocket handshake failed: " + ex, ex);
		}
	}

	/**
	 * The HTTP status of a refused handshake, or 101 when it succeeds (the socket is then
	 * closed).
	 */
	public static int handshakeStatus(String url, Map<String, String> headers) {
		return handshakeStatus(HTTP, url, headers);
	}

	public static int handshakeStatus(HttpClient client, String url, Map<String, String> headers) {
		WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(WAIT);
		headers.forEach(builder::header);
		try {
			WebSocket socket = builder.buildAsync(URI.create(url), new Listener(false)).join();
			socket.abort();
			return 101;
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	public WsClient send(String text) {
		socket.sendText(text, true).join();
		return this;
	}

	/** Sends a text message in two frames (a fragmented message). */
	public WsClient sendFragmented(String first, String second) {
		socket.sendText(first, false).join();
		socket.sendText(second, true).join();
		return this;
	}

	/** The next text message, or a failure after 10 s. */
	public String next() {
		try {
			String text = listener.texts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (text == null) {
				throw new AssertionError(
						"no message within " + WAIT + " (close: " + listener.closed.getNow(null) + ")");
			}
			return text;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public JsonNode nextJson() {
		return JSON.readTree(next());
	}

	/** The next message, or {@code null} when none arrives within {@code wait}. */
	public String poll(Duration wait) throws InterruptedException {
		return listener.texts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops reading the network after at most one more message, as a client that cannot
	 * keep up.
	 */
	public void pause() {
		listener.paused = true;
	}

	/** Starts reading the network: every waiting and future message is delivered. */
	public void resume() {
		listener.paused = false;
		socket.request(Long.MAX_VALUE);
	}

	/** Waits for the server to close the socket and gives its status. */
	public Closed awaitClose() {
		return awaitClose(WAIT);
	}

	public Closed awaitClose(Duration wait) {
		try {
			return listener.closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("the socket was not closed within " + wait + ": " + ex, ex);
		}
	}

	/** How many pings the server sent so far; Java's client answers each with a pong. */
	public int pings() {
		return listener.pings.get();
	}

	public boolean isClosed() {
		return listener.closed.isDone() || socket.isInputClosed();
	}

	@Override
	public void close() {
		socket.abort();
	}

	/**
	 * How the server closed the socket; {@code error} when the connection broke instead.
	 */
	public record Closed(int code, String reason, Throwable error) {

	}

	private static final class Listener implements WebSocket.Listener {

		final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		final CompletableFuture<Closed> closed = new CompletableFuture<>();

		final AtomicInteger pings = new AtomicInteger();

		private final StringBuilder partial = new StringBuilder();

		volatile boolean paused;

		Listener(boolean paused) {
			this.paused = paused;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			if (!paused) {
				webSocket.request(1);
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				texts.add(partial.toString());
				partial.setLength(0);
			}
			if (!paused) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			pings.incrementAndGet();
			// As the default does, paused or not.
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(new Closed(statusCode, reason, null));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.complete(new Closed(-1, null, error));
		}

	}

}
