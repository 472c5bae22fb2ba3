package dev.moonlight.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept-alive connections where {@code GET} and {@code POST} take turns, each request sent
 * the moment the previous answer is read, as a client pool does. Reactor Netty 1.3.7 left
 * some of those requests unread in the socket ({@link KeepAliveReads}); every one must be
 * answered.
 */
class KeepAliveTests {

	private static final int CONNECTIONS = 200;

	private static final int CALLS = 6;

	private static final String POST_BODY = "{\"service\":\"notes\",\"action\":\"nothing\"}";

	@Test
	void everyRequestOnAKeptAliveConnectionIsAnsweredWhenGetAndPostTakeTurns() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			List<Future<String>> connections = new ArrayList<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				connections.add(clients.submit(() -> takeTurns(app.port())));
			}
			List<String> failures = new ArrayList<>();
			for (Future<String> connection : connections) {
				String failure = connection.get(2, TimeUnit.MINUTES);
				if (failure != null) {
					failures.add(failure);
				}
			}
			assertThat(failures).as("connections with an unanswered request, of " + CONNECTIONS).isEmpty();
		}
		finally {
			clients.shutdownNow();
		}
	}

	/** Null when all calls were answered 200, else which call was not. */
	private static String takeTurns(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			// An answer takes milliseconds; 5 s without one is a request the server never
			// read.
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int call = 0; call < CALLS; call++) {
				out.write(request(port, call % 2 == 0).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				try {
					int status = readAnswer(in);
					if (status != 200) {
						return "call " + (call + 1) + " answered " + status;
					}
				}
				catch (SocketTimeoutException ex) {
					return "call " + (call + 1) + " (" + ((call % 2 == 0) ? "GET" : "POST") + ") unanswered after 5 s";
				}
			}
			return null;
		}
	}

	private static String request(int port, boolean get) {
		if (get) {
			return "GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
		}
		return "POST /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + POST_BODY.length() + "\r\n\r\n" + POST_BODY;
	}

	/** Reads one answer with a Content-Length body; answers its status. */
	private static int readAnswer(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed after " + head);
			}
			head.append((char) b);
		}
		int length = 0;
		for (String line : head.toString().split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
			}
		}
		in.readNBytes(length);
		return Integer.parseInt(head.substring(9, 12));
	}

}
