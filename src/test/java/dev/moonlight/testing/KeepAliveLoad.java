package dev.moonlight.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * HTTP/1.1 load over bare keep-alive sockets, one connection a client thread, for what a
 * shutdown does to the wire: every request sent ends as an {@link Outcome} (an answer
 * with its status and {@code Connection} header, or how it failed: no answer at all, or a
 * response cut short). A client reuses its connection until an answer says
 * {@code Connection: close}, then connects again; it stops when a connection is refused
 * (the server stopped listening), which is no failure: no request was sent.
 */
public final class KeepAliveLoad implements AutoCloseable {

	/**
	 * How long a client waits for an answer before it counts the request as unanswered.
	 */
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

	private final int port;

	private final BiFunction<Integer, Integer, String> body;

	private final String authorization;

	private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private final CountDownLatch answered;

	private final CountDownLatch stopped;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean closing;

	private volatile boolean refusalsFail;

	/**
	 * @param port the plain HTTP port on 127.0.0.1
	 * @param authorization the {@code Authorization} header's value, or {@code null}
	 * @param body the JSON body of each client's n-th request, from (client, n)
	 * @param clients how many connections send at once
	 * @param warmUp how many answers {@link #awaitAnswers} waits for
	 */
	public KeepAliveLoad(int port, String authorization, BiFunction<Integer, Integer, String> body, int clients,
			int warmUp) {
		this.port = port;
		this.authorization = authorization;
		this.body = body;
		this.answered = new CountDownLatch(warmUp);
		this.stopped = new CountDownLatch(clients);
		for (int i = 0; i < clients; i++) {
			int client = i;
			Thread thread = new Thread(() -> run(client), "keep-alive-load-" + i);
			thread.setDaemon(true);
			threads.add(thread);
		}
	}

	/**
	 * Counts a refused connection as a failed request (status -3) rather than the end of
	 * the load: for a reload, where the address must never refuse. The client then stops.
	 */
	public KeepAliveLoad refusalsFail() {
		refusalsFail = true;
		return this;
	}

	public KeepAliveLoad start() {
		threads.forEach(Thread::start);
		return this;
	}

	/**
	 * Waits until the warm-up's answers have come, so a fault lands while every client is
	 * busy.
	 */
	public boolean awaitAnswers(Duration timeout) throws InterruptedException {
		return answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits until every client has stopped (its connection was refused, or {@link #close}
	 * ended it).
	 */
	public boolean awaitStopped(Duration timeout) throws InterruptedException {
		return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public List<Outcome> outcomes() {
		return List.copyOf(outcomes);
	}

	/** Stops the clients after their current request. */
	@Override
	public void close() {
		closing = true;
	}

	private void run(int client) {
		Socket socket = null;
		try {
			boolean fresh = false;
			for (int n = 0; !closing; n++) {
				if (socket == null) {
					socket = connect();
					if (socket == null) {
						return;
					}
					fresh = true;
				}
				String json = body.apply(client, n);
				Outcome outcome = exchange(socket, port, authorization, json, fresh);
				fresh = false;
				outcomes.add(outcome);
				if (outcome.status() > 0) {
					answered.countDown();
				}
				if (outcome.status() <= 0 || outcome.closes()) {
					closeQuietly(socket);
					socket = null;
				}
			}
		}
		finally {
			closeQuietly(socket);
			stopped.countDown();
		}
	}

	/** A new connection, or {@code null} when the server refuses it. */
	private Socket connect() {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
			return socket;
		}
		catch (ConnectException ex) {
			closeQuietly(socket);
			if (refusalsFail) {
				outcomes.add(new Outcome(null, true, -3, false, "", "connection refused: " + ex.getMessage()));
			}
			return null;
		}
		catch (IOException ex) {
			closeQuietly(socket);
			outcomes.add(new Outcome(null, true, -1, false, "", "connect failed: " + ex));
			return null;
		}
	}

	/**
	 * One {@code POST /api/v1/} of {@code json} on a kept-alive connection, and what
	 * became of it.
	 */
	public static Outcome post(Socket socket, int port, String json) {
		return exchange(socket, port, null, json, false);
	}

	/**
	 * Reads one answer from the connection, for a request sent otherwise (in parts, say).
	 */
	public static Outcome answer(Socket socket) {
		return read(socket, null, false);
	}

	private static Outcome exchange(Socket socket, int port, String authorization, String json, boolean fresh) {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		String head = "POST /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
				+ ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "") + "Content-Length: "
				+ payload.length + "\r\n\r\n";
		try {
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(payload);
			out.flush();
		}
		catch (IOException ex) {
			return new Outcome(json, fresh, -1, false, "", "sending failed: " + ex);
		}
		return read(socket, json, fresh);
	}

	private static Outcome read(Socket socket, String json, boolean fresh) {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		try {
			InputStream in = socket.getInputStream();
			String head = readHead(in, seen);
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			String length = header(lines, "content-length");
			String connection = header(lines, "connection");
			byte[] bytes = (length != null) ? in.readNBytes(Integer.parseInt(length)) : readChunked(in);
			if (length != null && bytes.length < Integer.parseInt(length)) {
				throw new EOFException("the body ended after " + bytes.length + " of " + length + " bytes");
			}
			boolean closes = connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
			return new Outcome(json, fresh, status, closes, new String(bytes, StandardCharsets.UTF_8), null);
		}
		catch (SocketTimeoutException ex) {
			return new Outcome(json, fresh, (seen.size() == 0) ? -1 : -2, false, "",
					"no answer within " + ANSWER_TIMEOUT);
		}
		catch (IOException | RuntimeException ex) {
			return new Outcome(json, fresh, (seen.size() == 0) ? -1 : -2, false, "",
					((seen.size() == 0) ? "no answer: " : "answer cut short after " + seen.size() + " bytes: ") + ex);
		}
	}

	private static String readHead(InputStream in, ByteArrayOutputStream seen) throws IOException {
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("the connection closed");
			}
			seen.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r') ? 1 : 0;
		}
		return seen.toString(StandardCharsets.ISO_8859_1);
	}

	private static byte[] readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String size = readLine(in);
			int length = Integer.parseInt(size.split(";")[0].strip(), 16);
			if (length == 0) {
				readLine(in);
				return body.toByteArray();
			}
			byte[] chunk = in.readNBytes(length);
			if (chunk.length < length) {
				throw new EOFException("a chunk ended early");
			}
			body.write(chunk);
			readLine(in);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new EOFException("the connection closed mid-chunk");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private static String header(String[] lines, String name) {
		for (String line : lines) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).strip();
			}
		}
		return null;
	}

	private static void closeQuietly(Socket socket) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Already gone.
			}
		}
	}

	/**
	 * What became of one request.
	 *
	 * @param request the JSON sent ({@code null} for a connection that failed before a
	 * request)
	 * @param fresh whether it was the first request on its connection (else the
	 * connection was kept alive for it)
	 * @param status the answer's status; -1 for no answer at all, -2 for an answer cut
	 * short, -3 for a refused connection when {@link #refusalsFail} asked to count those
	 * @param closes whether the answer said {@code Connection: close}
	 * @param body the answer's body
	 * @param failure how it failed, or {@code null}
	 */
	public record Outcome(String request, boolean fresh, int status, boolean closes, String body, String failure) {

		public boolean answered() {
			return status > 0;
		}

	}

}
