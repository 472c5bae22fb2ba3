package dev.moonlight.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streamed answer on a WebSocket whose send buffer holds 4 frames: 10,000 items all
 * arrive, in order, then the envelope; the producer, parked while the buffer is half
 * full, is woken as frames leave the queue.
 */
class StreamedSocketsSmallBufferTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("[realtime]\nENABLED = true\nSEND_BUFFER = 4\n").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactive", "many" })
	void tenThousandItemsPassASmallSendBuffer(String action) {
		try (WsClient ws = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws")) {
			ws.send("{\"id\":5,\"service\":\"stream\",\"action\":\"" + action + "\",\"count\":10000}");
			for (int i = 0; i < 10_000; i++) {
				JsonNode frame = ws.nextJson();
				assertThat(frame.path("item").path("n").asInt()).isEqualTo(i);
			}
			JsonNode last = ws.nextJson();
			assertThat(last.path("returnCode").asInt()).isZero();
			assertThat(last.path("returnData").path("count").asInt()).isEqualTo(10_000);
			assertThat(ws.isClosed()).isFalse();
		}
	}

}
