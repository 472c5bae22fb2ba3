package dev.moonlight.pipeline;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.tcp.TcpServers;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.MetricLines;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same call over HTTP, a WebSocket frame and a TCP line goes through the same steps:
 * maintenance, request and response middleware (a middleware that tags answers with their
 * transport sees all three), errors, metrics and the access log.
 */
@ExtendWith(OutputCaptureExtension.class)
class OnePipelineOnEveryTransportTests {

	private static final String ECHO = "{\"service\":\"notes\",\"action\":\"echo\",\"n\":1}";

	private static final String UNKNOWN = "{\"service\":\"notes\",\"action\":\"nope\"}";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = true\n\n[app_middlewares]\n"
					+ "tag = dev.moonlight.testapp.TestMiddleware$TransportTag\n")
			.rrYaml("tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n")
			.property("moonlight.access-log=pretty")
			.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@AfterEach
	void serveAgain() throws Exception {
		app.bean(MaintenanceMode.class).turnOff();
	}

	/**
	 * One call's answer on each transport, HTTP first, then the WebSocket's and the TCP
	 * line's.
	 */
	private static JsonNode[] everyTransport(String body) throws Exception {
		try (Clients clients = new Clients()) {
			return clients.call(body);
		}
	}

	/**
	 * A socket and a TCP connection, opened before the test changes anything (a handshake
	 * is refused in maintenance).
	 */
	private static final class Clients implements AutoCloseable {

		private final WsClient socket = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws");

		private final LineClient line = LineClient.connect(app.bean(TcpServers.class).port("lines"), "\n");

		JsonNode[] call(String body) throws Exception {
			String http = app.call(body).expectBody(String.class).returnResult().getResponseBody();
			String ws = socket.send("{\"id\":7," + body.substring(1)).next();
			String tcp = line.write(body + "\n").readLine();
			return new JsonNode[] { json.readTree(http), json.readTree(ws), json.readTree(tcp) };
		}

		@Override
		public void close() throws Exception {
			socket.close();
			line.close();
		}

	}

	@Test
	void middlewareSeesTheCallsOfEveryTransportAndTagsTheirAnswers() throws Exception {
		JsonNode[] answers = everyTransport(ECHO);
		String[] transports = { "http", "ws", "tcp" };
		for (int i = 0; i < answers.length; i++) {
			JsonNode answer = answers[i];
			assertThat(answer.path("returnCode").asInt()).as(transports[i]).isZero();
			assertThat(answer.path("returnData").path("params").path("n").asInt()).as(transports[i]).isEqualTo(1);
			assertThat(answer.path("extraData").path("transport").asString()).isEqualTo(transports[i]);
			assertThat(answer.path("extraData").path("seen").asString()).as("what the request hook saw")
				.isEqualTo(transports[i] + " notes.echo");
		}
		assertThat(answers[1].path("id").asInt()).as("the frame's id survives the middleware").isEqualTo(7);
	}

	@Test
	void aFailingCallGetsTheSameErrorEnvelopeOnEveryTransport() throws Exception {
		JsonNode[] answers = everyTransport(UNKNOWN);
		for (JsonNode answer : answers) {
			assertThat(answer.path("returnCode").asInt()).isEqualTo(404);
			assertThat(answer.path("returnMessage").asString()).isEqualTo(answers[0].path("returnMessage").asString());
		}
		assertThat(answers).extracting((answer) -> answer.path("extraData").path("transport").asString())
			.as("response middleware runs on errors too")
			.containsExactly("http", "ws", "tcp");
	}

	@Test
	void maintenanceRefusesEveryTransportBeforeMiddlewareRuns() throws Exception {
		JsonNode[] answers;
		try (Clients clients = new Clients()) {
			app.bean(MaintenanceMode.class).turnOn("Deploying", 30L, null);
			answers = clients.call(ECHO);
		}
		for (JsonNode answer : answers) {
			assertThat(answer.path("returnCode").asInt()).isEqualTo(503);
			assertThat(answer.path("returnMessage").asString()).isEqualTo("Deploying");
			assertThat(answer.path("extraData").path("transport").isMissingNode()).as("no middleware on a refusal")
				.isTrue();
		}
		assertThat(answers[1].path("extraData").path("retry_after").asInt()).isEqualTo(30);
		assertThat(answers[2].path("extraData").path("retry_after").asInt()).isEqualTo(30);
	}

	@Test
	void theAccessLogHasALineForTheCallOfEveryTransport(CapturedOutput output) throws Exception {
		everyTransport(ECHO);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).containsPattern("POST +/api/v1/ notes\\.echo  200")
				.containsPattern("WEBSOCKET /api/v1/ws notes\\.echo  200")
				.containsPattern("TCP +/api/v1/ notes\\.echo  200"));
	}

	@Test
	void metricsCountTheCallsOfEveryTransport() throws Exception {
		everyTransport(ECHO);
		String metrics = MetricLines.withoutInstance(app.text("/metrics"));
		assertThat(metrics)
			.containsPattern("moonlight_requests_seconds_count\\{action=\"echo\",route=\"api\",service=\"notes\","
					+ "status=\"200\",version=\"v1\"} [1-9]")
			.containsPattern("moonlight_requests_seconds_count\\{action=\"echo\",route=\"ws\",service=\"notes\","
					+ "status=\"200\",version=\"v1\"} [1-9]")
			.containsPattern("moonlight_requests_seconds_count\\{action=\"echo\",route=\"tcp\",service=\"notes\","
					+ "status=\"200\",version=\"v1\"} [1-9]");
	}

}
