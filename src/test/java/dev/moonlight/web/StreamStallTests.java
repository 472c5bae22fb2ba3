package dev.moonlight.web;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.StreamService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http.stream_stall_timeout}: a Flux that stops giving items ends with a 504 on
 * its last NDJSON line, and a blocking stream whose client stops reading frees its worker
 * and closes its source.
 */
class StreamStallTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).rrYaml("""
				http:
				  stream_stall_timeout: 500ms
				""").start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void aFluxThatStallsEndsWithA504() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/"))
				.header("Content-Type", "application/json")
				.header("Accept", "application/x-ndjson")
				.timeout(Duration.ofSeconds(20))
				.POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"stream\",\"action\":\"stalled\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String[] lines = response.body().strip().split("\n");
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.readTree(lines[0]).path("n").asInt()).isZero();
		JsonNode last = json.readTree(lines[lines.length - 1]);
		assertThat(last.path("returnCode").asInt()).isEqualTo(504);
	}

	@Test
	void aClientThatStopsReadingFreesTheWorker() throws Exception {
		StreamService service = app.bean(StreamService.class);
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setReceiveBufferSize(16 * 1024);
			byte[] body = "{\"service\":\"stream\",\"action\":\"many\"}".getBytes(StandardCharsets.UTF_8);
			socket.getOutputStream()
				.write(("POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
						+ body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(body);
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			assertThat(in.read()).isNotNegative();
			// The client reads no more and stays connected: the stall frees the worker.
			assertThat(service.awaitCursorClosed(20)).as("the source is closed").isTrue();
			assertThat(service.produced()).isLessThan(1_000_000);
		}
	}

}
