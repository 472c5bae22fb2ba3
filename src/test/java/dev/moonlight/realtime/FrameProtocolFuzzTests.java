package dev.moonlight.realtime;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame protocol of {@code /api/v1/ws} over a real socket: any text frame gets one
 * envelope back (an error envelope for a malformed one, never a 500) and the socket stays
 * open for the next.
 */
class FrameProtocolFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> VALID = List.of(
			"{\"id\":7,\"service\":\"notes\",\"action\":\"echo\",\"data\":{\"x\":1}}",
			"{\"id\":\"b\",\"service\":\"notes\",\"action\":\"echo\",\"y\":[2,{}]}",
			"{\"id\":1,\"subscribe\":\"notes\"}", "{\"id\":2,\"unsubscribe\":\"notes\"}",
			"{\"id\":3,\"auth\":\"eyJhbGciOiJub25lIn0.e30.\"}",
			"{\"service\":\"notes\",\"action\":\"create\",\"data\":{\"title\":\"t\",\"priority\":9}}");

	private static RunningApp app;

	private static WsClient socket;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = true\nMAX_FRAME_SIZE = 1048576\n")
			.start();
		socket = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws");
	}

	@AfterAll
	static void stop() {
		socket.close();
		app.close();
	}

	@Test
	void anyTextFrameGetsOneEnvelopeThatIsNotAServerError() {
		FuzzExamples.qt(FuzzExamples.OVER_A_SOCKET).forAll(frames()).checkAssert((frame) -> {
			String answer = socket.send(frame).next();
			JsonNode envelope = JSON.readTree(answer);
			assertThat(envelope.has("returnCode")).as("%s -> %s", frame, answer).isTrue();
			assertThat(envelope.get("returnCode").asInt()).as("%s -> %s", frame, answer).isNotEqualTo(500);
			assertThat(socket.isClosed()).isFalse();
		});
	}

	private static Gen<String> frames() {
		// A WebSocket text frame is UTF-8: the client cannot send a lone surrogate, so it
		// becomes '?' here.
		return HostileText.anyTextOrMutationOf(VALID)
			.map((text) -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
			.describedAs(HostileText::shown);
	}

}
