package dev.moonlight.pipeline;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.tcp.TcpServers;
import dev.moonlight.testapp.StreamService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A streamed answer over a WebSocket and a TCP line: one frame (line) per item, then the
 * envelope with the count, or the error envelope of a failure half-way; paced by the
 * client, and stopped when it leaves.
 */
class StreamedSocketsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = true\n")
			.rrYaml("tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n")
			.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static WsClient ws() {
		return WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws");
	}

	private static LineClient tcp() {
		return LineClient.connect(app.bean(TcpServers.class).port("lines"), "\n");
	}

	@Test
	void aWebSocketStreamIsAFrameAnItemThenTheEnvelopeWithItsId() {
		try (WsClient ws = ws()) {
			ws.send("{\"id\":9,\"service\":\"stream\",\"action\":\"reactive\",\"count\":3}");
			for (int i = 0; i < 3; i++) {
				JsonNode frame = ws.nextJson();
				assertThat(frame.path("id").asInt()).isEqualTo(9);
				assertThat(frame.path("item").path("n").asInt()).isEqualTo(i);
			}
			assertThat(ws.next()).isEqualTo(
					"{\"id\":9,\"returnCode\":0,\"returnMessage\":null,\"returnData\":{\"count\":3},\"extraData\":null}");
		}
	}

	@Test
	void aWebSocketStreamThatFailsHalfWayEndsWithTheErrorEnvelope() {
		try (WsClient ws = ws()) {
			ws.send("{\"id\":\"f\",\"service\":\"stream\",\"action\":\"failing\",\"count\":2}");
			assertThat(ws.nextJson().path("item").path("n").asInt()).isZero();
			assertThat(ws.nextJson().path("item").path("n").asInt()).isEqualTo(1);
			JsonNode last = ws.nextJson();
			assertThat(last.path("id").asString()).isEqualTo("f");
			assertThat(last.path("returnCode").asInt()).isEqualTo(500);
		}
	}

	@Test
	void aPausedWebSocketClientHoldsTheProducerBackAndIsNotClosed() throws Exception {
		StreamService service = app.bean(StreamService.class);
		try (WsClient ws = ws()) {
			ws.send("{\"id\":1,\"service\":\"stream\",\"action\":\"many\"}");
			assertThat(ws.nextJson().path("item").path("n").asInt()).isZero();
			ws.pause();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> service.producer() != null && parked(service.producer()));
			assertThat(service.produced()).as("a client that does not read holds the producer back")
				.isLessThan(200_000);
			assertThat(ws.isClosed()).as("a paced stream never overflows the send buffer").isFalse();
		}
		assertThat(service.awaitCursorClosed(20)).as("the client left: the source is closed").isTrue();
	}

	@Test
	void aTcpStreamIsALineAnItemThenTheEnvelopeAndTheNextAnswerFollowsIt() {
		try (LineClient client = tcp()) {
			client.write("{\"service\":\"stream\",\"action\":\"gated\",\"before\":2,\"after\":1}\n"
					+ "{\"service\":\"stream\",\"action\":\"reactive\",\"count\":1}\n");
			assertThat(JSON.readTree(client.readLine()).path("item").path("n").asInt()).isZero();
			assertThat(JSON.readTree(client.readLine()).path("item").path("n").asInt()).isEqualTo(1);
			app.bean(StreamService.class).open();
			assertThat(JSON.readTree(client.readLine()).path("item").path("n").asInt()).isEqualTo(2);
			assertThat(client.readLine())
				.isEqualTo("{\"returnCode\":0,\"returnMessage\":null,\"returnData\":{\"count\":3},\"extraData\":null}");
			assertThat(JSON.readTree(client.readLine()).path("item").path("n").asInt())
				.as("the next line's answer waits for the stream's end")
				.isZero();
			assertThat(JSON.readTree(client.readLine()).path("returnData").path("count").asInt()).isEqualTo(1);
		}
	}

	@Test
	void aTcpStreamThatFailsHalfWayEndsWithTheErrorEnvelopeAndTheConnectionStaysOpen() {
		try (LineClient client = tcp()) {
			client.write("{\"service\":\"stream\",\"action\":\"failing\",\"count\":1}\n");
			assertThat(JSON.readTree(client.readLine()).path("item").path("n").asInt()).isZero();
			assertThat(JSON.readTree(client.readLine()).path("returnCode").asInt()).isEqualTo(500);
			client.write("{\"service\":\"stream\",\"action\":\"nothing\"}\n");
			assertThat(client.readLine())
				.isEqualTo("{\"returnCode\":0,\"returnMessage\":null,\"returnData\":{\"count\":0},\"extraData\":null}");
		}
	}

	@Test
	void aTcpClientThatLeavesStopsItsStream() throws Exception {
		StreamService service = app.bean(StreamService.class);
		try (LineClient client = tcp()) {
			client.write("{\"service\":\"stream\",\"action\":\"many\"}\n");
			assertThat(JSON.readTree(client.readLine()).path("item").path("n").asInt()).isZero();
		}
		assertThat(service.awaitCursorClosed(20)).as("the client left: the source is closed").isTrue();
		assertThat(service.produced()).isLessThan(1_000_000);
	}

	/** Waiting for demand: the wait has the stall timeout as its limit. */
	private static boolean parked(Thread producer) {
		Thread.State state = producer.getState();
		return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
	}

}
