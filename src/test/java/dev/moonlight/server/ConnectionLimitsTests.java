package dev.moonlight.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection limits on both listeners (SPEC §7): a request head must arrive within
 * {@code http.read_header_timeout} however slowly it drips (slowloris gets 408 and the
 * close, while calls keep being served), an idle keep-alive connection is closed after
 * {@code http.idle_timeout}, and connections over {@code http.max_connections} are
 * answered 503 and closed while those under it are served.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLimitsTests {

	private static final String TIMEOUT_408 = "{\"returnCode\":408,\"returnMessage\":\"The request headers did not arrive "
			+ "within 500ms (http.read_header_timeout).\",\"returnData\":null,\"extraData\":null}";

	private static final String PING = "GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

	@TempDir
	static Path certs;

	private static TestCertificates certificate;

	private static RunningApp timeouts;

	private static RunningApp capped;

	/**
	 * The same timeouts with h2c on, where HTTP/1.1 goes through the h2c upgrade
	 * handler's codec.
	 */
	private static RunningApp h2c;

	private static final ScheduledExecutorService drip = Executors.newScheduledThreadPool(2);

	private static final ExecutorService readers = Executors.newCachedThreadPool();

	@BeforeAll
	static void start() {
		certificate = TestCertificates.create(certs, "localhost");
		timeouts = RunningApp.of(TestApplication.class)
			.rrYaml(certificate.rrYaml("127.0.0.1:0")
					+ "  idle_timeout: 1s\n  read_header_timeout: 500ms\n  read_timeout: 1s\n")
			.start();
		h2c = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  idle_timeout: 1s\n  read_header_timeout: 500ms\n  http2:\n    h2c: true\n")
			.start();
		capped = RunningApp.of(TestApplication.class).rrYaml("""
				http:
				  max_connections: 5
				  read_header_timeout: 0
				  idle_timeout: 0
				""").start();
	}

	@AfterAll
	static void stop() {
		drip.shutdownNow();
		readers.shutdownNow();
		timeouts.close();
		h2c.close();
		capped.close();
	}

	private static int port(String listener) {
		return listener.equals("h2c") ? h2c.port() : timeouts.port();
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "h2c" })
	void slowlorisConnectionsGet408AndAreClosedWhilePingsAreServed(String listener) throws Exception {
		int port = port(listener);
		List<CompletableFuture<String>> answers = new ArrayList<>();
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Socket socket = connect(port);
			sockets.add(socket);
			answers.add(dripHead(socket));
		}
		for (int i = 0; i < 10; i++) {
			assertThat(RawHttp.get(port, "/api/v1/ping").status()).as("served during the attack").isEqualTo(200);
		}
		for (CompletableFuture<String> answer : answers) {
			String response = answer.get(30, TimeUnit.SECONDS);
			assertThat(response).startsWith("HTTP/1.1 408 Request Timeout\r\n").endsWith("\r\n\r\n" + TIMEOUT_408);
		}
		sockets.forEach(ConnectionLimitsTests::closeQuietly);
		assertThat(RawHttp.get(port, "/api/v1/ping").status()).isEqualTo(200);
	}

	@Test
	void aSlowHeadOverTlsGets408Too() throws Exception {
		int port = timeouts.bean(TlsListener.class).port();
		SSLSocket socket = (SSLSocket) certificate.trustingContext().getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout(30_000);
		socket.startHandshake();
		String answer = dripHead(socket).get(30, TimeUnit.SECONDS);
		closeQuietly(socket);
		assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").endsWith(TIMEOUT_408);
	}

	@Test
	void aBodyThatStopsArrivingIsCutAfterTheReadTimeout(CapturedOutput output) throws IOException {
		try (Socket socket = connect(timeouts.port())) {
			send(socket, "POST /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 1000\r\n\r\n{\"service\":\"notes\",");
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(answer).as("closed, never a call made of half a body").doesNotContain(" 200 ");
		}
		assertThat(RawHttp.get(timeouts.port(), "/api/v1/ping").status()).isEqualTo(200);
		assertThat(output.getOut()).as("a client too slow to send its body is not a server error")
			.doesNotContain("POST /api/v1/ failed");
	}

	@Test
	void aConnectionThatSendsNothingIsClosed() throws IOException {
		try (Socket socket = connect(timeouts.port())) {
			assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "h2c" })
	void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout(String listener) throws IOException {
		try (Socket socket = connect(port(listener))) {
			send(socket, PING);
			assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
			send(socket, PING);
			assertThat(readResponse(socket.getInputStream())).as("kept alive between calls")
				.startsWith("HTTP/1.1 200 ");
			assertThat(socket.getInputStream().read()).as("closed once idle").isEqualTo(-1);
		}
	}

	@Test
	void anHttp2ConnectionIsLeftToTheIdleTimeoutNotAnswered408() throws IOException {
		try (Socket socket = connect(h2c.port())) {
			assertThat(Http2Preface.serverSettings(socket)).isNotEmpty();
			socket.setSoTimeout(30_000);
			byte[] rest = socket.getInputStream().readAllBytes();
			assertThat(new String(rest, StandardCharsets.ISO_8859_1)).as("HTTP/2 frames only, then the close")
				.doesNotContain("HTTP/1.1");
		}
	}

	@Test
	void connectionsOverTheCapAre503AndClosedWhileThoseUnderItAreServed() throws IOException {
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				Socket socket = connect(capped.port());
				send(socket, PING);
				assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
				held.add(socket);
			}
			try (Socket over = connect(capped.port())) {
				String refused = new String(over.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
				assertThat(refused).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
					.endsWith("{\"returnCode\":503,"
							+ "\"returnMessage\":\"Too many connections (http.max_connections=5); try again later.\","
							+ "\"returnData\":null,\"extraData\":null}");
			}
			for (Socket socket : held) {
				send(socket, PING);
				assertThat(readResponse(socket.getInputStream())).as("under the cap").startsWith("HTTP/1.1 200 ");
			}
			Socket first = held.remove(0);
			first.close();
			assertThat(pingWhenFree(capped.port())).as("a closed connection frees its place").isEqualTo(200);
		}
		finally {
			held.forEach(ConnectionLimitsTests::closeQuietly);
		}
	}

	/**
	 * The server counts a closed connection down when it sees the close; retry until it
	 * has.
	 */
	private static int pingWhenFree(int port) {
		int status = -1;
		for (int attempt = 0; attempt < 100 && status != 200; attempt++) {
			try {
				status = RawHttp.get(port, "/api/v1/ping").status();
			}
			catch (UncheckedIOException ex) {
				// still over the cap: closed (or reset, the request unread) with the 503
			}
		}
		return status;
	}

	/**
	 * Sends a request head a byte every 100 ms (never its end) and completes with what
	 * the server answers.
	 */
	private static CompletableFuture<String> dripHead(Socket socket) {
		byte[] head = "GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			.getBytes(StandardCharsets.US_ASCII);
		int[] next = { 0 };
		var task = drip.scheduleAtFixedRate(() -> {
			try {
				if (next[0] < head.length) {
					socket.getOutputStream().write(head[next[0]++]);
					socket.getOutputStream().flush();
				}
			}
			catch (IOException ex) {
				// the server closed the connection: what the test waits for
			}
		}, 0, 100, TimeUnit.MILLISECONDS);
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				task.cancel(false);
			}
		}, readers);
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.setSoTimeout(30_000);
		return socket;
	}

	private static void send(Socket socket, String request) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** One response with a Content-Length body, leaving the connection open. */
	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed mid-response: " + head);
			}
			head.write(b);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		int length = 0;
		for (String line : text.split("\r\n")) {
			if (line.toLowerCase().startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).strip());
			}
		}
		return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed by the server
		}
	}

}
