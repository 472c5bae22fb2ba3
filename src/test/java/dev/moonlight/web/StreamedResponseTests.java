package dev.moonlight.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.StreamService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import io.netty.handler.codec.http.HttpVersion;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Streamed answers over the wire: chunked as they are produced, grouped by
 * {@code http.chunk_size}, paced by the client, stopped when the client leaves, and never
 * mistaken for a whole document when they fail half-way.
 */
class StreamedResponseTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CHUNK_SIZE = 1024;

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).rrYaml("""
				http:
				  chunk_size: %d
				  middleware: ["gzip"]
				  http2:
				    h2c: true
				""".formatted(CHUNK_SIZE)).start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theFirstChunkArrivesBeforeTheLastItemIsProduced() throws IOException {
		StreamService service = app.bean(StreamService.class);
		try (Socket socket = post("{\"service\":\"stream\",\"action\":\"gated\",\"before\":30,\"after\":40}",
				"application/json")) {
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
			byte[] first = readChunk(in);
			assertThat(first.length).as("items are gathered into chunks of chunk_size bytes")
				.isGreaterThanOrEqualTo(CHUNK_SIZE);
			assertThat(new String(first, StandardCharsets.UTF_8))
				.startsWith("{\"returnCode\":0,\"returnMessage\":null,\"returnData\":[{\"n\":0,");
			service.open();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.write(first);
			for (byte[] chunk = readChunk(in); chunk != null; chunk = readChunk(in)) {
				body.write(chunk);
			}
			JsonNode envelope = JSON.readTree(body.toByteArray());
			assertThat(envelope.path("returnData")).hasSize(70);
			assertThat(envelope.path("returnData").get(69).path("n").asInt()).isEqualTo(69);
			assertThat(envelope.has("extraData")).isTrue();
		}
	}

	@Test
	void ndjsonSendsOneItemALineThenTheOutcome() throws IOException {
		List<JsonNode> lines = lines(
				ndjson("{\"service\":\"stream\",\"action\":\"reactive\",\"count\":5}", "application/x-ndjson"));
		assertThat(lines).hasSize(6);
		assertThat(lines.get(4).path("n").asInt()).isEqualTo(4);
		assertThat(lines.get(5).toString()).isEqualTo("{\"returnCode\":0,\"returnMessage\":null,\"count\":5}");
	}

	@Test
	void ndjsonReportsAFailureHalfWayOnItsLastLine() throws IOException {
		String body = ndjson("{\"service\":\"stream\",\"action\":\"failing\",\"count\":40}", "application/x-ndjson");
		List<JsonNode> lines = lines(body);
		assertThat(lines).hasSize(41);
		assertThat(lines.get(39).path("n").asInt()).isEqualTo(39);
		assertThat(lines.get(40).path("returnCode").asInt()).isEqualTo(500);
		assertThat(lines.get(40).path("returnMessage").asString()).isEqualTo("An unexpected error occurred.");
	}

	@Test
	void anEnvelopeThatFailsHalfWayIsNoValidDocument() throws IOException {
		try (Socket socket = post("{\"service\":\"stream\",\"action\":\"failing\",\"count\":200}", "*/*")) {
			InputStream in = socket.getInputStream();
			assertThat(readHead(in)).startsWith("HTTP/1.1 200");
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			assertThatThrownBy(() -> {
				for (byte[] chunk = readChunk(in); chunk != null; chunk = readChunk(in)) {
					body.write(chunk);
				}
			}).as("the keep-alive connection closes without the last chunk (no timeout)")
				.isInstanceOf(EOFException.class);
			assertThat(in.read()).as("closed by the server").isEqualTo(-1);
			assertThat(body.size()).isGreaterThan(CHUNK_SIZE);
			assertThatThrownBy(() -> JSON.readTree(body.toByteArray())).isInstanceOf(JacksonException.class);
		}
	}

	@Test
	void aStreamThatFailsBeforeItsFirstItemIsAnsweredWhole() {
		RawResponse answer = RawResponse.of(post("{\"service\":\"stream\",\"action\":\"broken\"}", "*/*"));
		assertThat(answer.head).startsWith("HTTP/1.1 500").containsIgnoringCase("content-length");
		assertThat(answer.body).startsWith("{\"returnCode\":500,\"returnMessage\":\"An unexpected error occurred.\"");
	}

	@Test
	void anEmptyStreamIsAnEmptyArray() {
		RawResponse answer = RawResponse.of(post("{\"service\":\"stream\",\"action\":\"nothing\"}", "*/*"));
		assertThat(answer.body)
			.isEqualTo("{\"returnCode\":0,\"returnMessage\":null,\"returnData\":[],\"extraData\":null}");
	}

	@Test
	void aSlowReaderHoldsTheProducerBackInsteadOfFillingMemory() throws Exception {
		StreamService service = app.bean(StreamService.class);
		try (Socket socket = post("{\"service\":\"stream\",\"action\":\"many\"}", "*/*")) {
			socket.setReceiveBufferSize(16 * 1024);
			InputStream in = socket.getInputStream();
			readHead(in);
			readChunk(in);
			// The client stops reading: the worker waits for the socket to drain.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> service.producer() != null && parked(service.producer()));
			long produced = service.produced();
			assertThat(produced).as("a stalled client holds the producer back, not the heap")
				.isLessThan(100_000)
				.isGreaterThan(0);
		}
		assertThat(service.awaitCursorClosed(20)).as("the client left: the source is closed").isTrue();
		assertThat(service.produced()).isLessThan(1_000_000);
	}

	@Test
	void aClientThatLeavesCancelsTheQueryAndFreesItsConnection() throws Exception {
		StreamService service = app.bean(StreamService.class);
		HikariDataSource pool = app.bean(DataSource.class).unwrap(HikariDataSource.class);
		try (Socket socket = post("{\"service\":\"stream\",\"action\":\"rows\"}", "*/*")) {
			InputStream in = socket.getInputStream();
			assertThat(readHead(in)).startsWith("HTTP/1.1 200");
			assertThat(new String(readChunk(in), StandardCharsets.UTF_8)).startsWith("{\"returnCode\":0");
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
		}
		assertThat(service.awaitCursorClosed(20)).as("the cursor is closed once the client left").isTrue();
		assertThat(service.cursorCancelled()).as("the statement was cancelled").isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero());
		assertThat(service.produced()).isLessThan(10_000_000);
	}

	@Test
	void http2CarriesTheStreamInDataFrames() {
		String[] version = new String[1];
		String body = reactor.netty.http.client.HttpClient.create(ConnectionProvider.newConnection())
			.protocol(HttpProtocol.H2C)
			.headers((headers) -> headers.set("Content-Type", "application/json"))
			.post()
			.uri(app.baseUrl() + "/api/v1/")
			.send(ByteBufFlux.fromString(Mono.just("{\"service\":\"stream\",\"action\":\"many\",\"count\":3000}")))
			.responseSingle((response, content) -> {
				version[0] = response.version().text();
				return content.asString();
			})
			.block(Duration.ofSeconds(30));
		assertThat(version[0]).isEqualTo(HttpVersion.valueOf("HTTP/2.0").text());
		JsonNode envelope = JSON.readTree(body);
		assertThat(envelope.path("returnData")).hasSize(3000);
	}

	@Test
	void aStreamIsGzippedForAClientThatAcceptsIt() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/"))
				.header("Content-Type", "application/json")
				.header("Accept-Encoding", "gzip")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"service\":\"stream\",\"action\":\"many\",\"count\":3000}"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		byte[] body = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
		assertThat(JSON.readTree(body).path("returnData")).hasSize(3000);
	}

	private static String ndjson(String body, String accept) {
		return RawResponse.of(post(body, accept)).body;
	}

	private static List<JsonNode> lines(String body) {
		assertThat(body).endsWith("\n");
		List<JsonNode> lines = new ArrayList<>();
		for (String line : body.split("\n")) {
			lines.add(JSON.readTree(line));
		}
		return lines;
	}

	private static Socket post(String body, String accept) {
		try {
			Socket socket = new Socket("127.0.0.1", app.port());
			socket.setSoTimeout(30_000);
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			socket.getOutputStream()
				.write(("POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: " + accept
						+ "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(bytes);
			socket.getOutputStream().flush();
			return socket;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("closed in the head: " + head);
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/** One chunk's data, or {@code null} for the last (empty) chunk. */
	private static byte[] readChunk(InputStream in) throws IOException {
		String size = readLine(in);
		int length = Integer.parseInt(size.strip(), 16);
		byte[] data = in.readNBytes(length);
		if (data.length < length) {
			throw new EOFException("closed inside a chunk");
		}
		readLine(in);
		return (length == 0) ? null : data;
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new EOFException("closed before the end of a line");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	/** A whole answer, chunked or not. */
	private record RawResponse(String head, String body) {

		static RawResponse of(Socket socket) {
			try (socket) {
				InputStream in = socket.getInputStream();
				String head = readHead(in);
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				if (head.toLowerCase().contains("transfer-encoding: chunked")) {
					for (byte[] chunk = readChunk(in); chunk != null; chunk = readChunk(in)) {
						body.write(chunk);
					}
				}
				else {
					String length = head.toLowerCase().split("content-length: ")[1].split("\r\n")[0];
					body.write(in.readNBytes(Integer.parseInt(length.strip())));
				}
				return new RawResponse(head, body.toString(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** Waiting for demand: the wait has the stall timeout as its limit. */
	private static boolean parked(Thread producer) {
		Thread.State state = producer.getState();
		return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
	}

}
