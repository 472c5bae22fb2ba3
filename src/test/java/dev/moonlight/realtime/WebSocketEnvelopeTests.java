package dev.moonlight.realtime;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Envelope calls over {@code /api/v1/ws}: dispatch as over HTTP, ids, order, malformed
 * and over-large frames.
 */
class WebSocketEnvelopeTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[realtime]
				ENABLED = true
				MAX_FRAME_SIZE = 2048
				""").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static WsClient connect() {
		return WsClient.connect(url("v1"));
	}

	private static String url(String version) {
		return "ws://127.0.0.1:" + app.port() + "/api/" + version + "/ws";
	}

	@Test
	void aFrameIsDispatchedLikeAnHttpCallAndAnsweredWithItsId() {
		try (WsClient ws = connect()) {
			String answer = ws.send("{\"id\":7,\"service\":\"notes\",\"action\":\"echo\",\"data\":{\"x\":1}}").next();
			assertThat(answer).as("the id leads, then the four envelope keys in order")
				.startsWith("{\"id\":7,\"returnCode\":0,\"returnMessage\":null,\"returnData\":{");
			JsonNode json = ws.send("{\"id\":\"b\",\"service\":\"notes\",\"action\":\"echo\",\"y\":2}").nextJson();
			assertThat(json.get("id").asString()).isEqualTo("b");
			assertThat(json.at("/returnData/params").toString()).as("params beside the names; the id is not one")
				.isEqualTo("{\"y\":2}");
			assertThat(json.at("/returnData/service").asString()).isEqualTo("notes");
			assertThat(json.at("/returnData/anonymous").asBoolean()).isTrue();
		}
	}

	@Test
	void validationFailuresAre422WithEveryFailingField() {
		try (WsClient ws = connect()) {
			JsonNode json = ws.send("{\"id\":1,\"service\":\"notes\",\"action\":\"create\",\"data\":{\"priority\":9}}")
				.nextJson();
			assertThat(json.get("returnCode").asInt()).isEqualTo(422);
			assertThat(json.at("/returnData/errors").propertyNames()).containsExactlyInAnyOrder("title", "author_name",
					"priority");
		}
	}

	@Test
	void unknownNamesGetTheHttpMessagesAndStatuses() {
		try (WsClient ws = connect()) {
			JsonNode unknown = ws.send("{\"id\":1,\"service\":\"nope\",\"action\":\"list\"}").nextJson();
			assertThat(unknown.get("returnCode").asInt()).isEqualTo(404);
			assertThat(unknown.get("returnMessage").asString()).isEqualTo("Service nope not found");
			JsonNode missing = ws.send("{\"id\":2,\"action\":\"list\"}").nextJson();
			assertThat(missing.get("returnMessage").asString()).isEqualTo("Service not defined in request data");
			assertThat(missing.get("id").asInt()).isEqualTo(2);
		}
	}

	@Test
	void businessOutcomesReactiveActionsAndFailuresKeepTheirEnvelopes() {
		try (WsClient ws = connect()) {
			JsonNode business = ws.send("{\"id\":1,\"service\":\"notes\",\"action\":\"business\"}").nextJson();
			assertThat(business.get("returnCode").asInt()).isEqualTo(7);
			JsonNode reactive = ws.send("{\"id\":2,\"service\":\"notes\",\"action\":\"reactive\"}").nextJson();
			assertThat(reactive.at("/returnData/thread").asString()).as("reactive actions stay on the event loop")
				.doesNotContain("worker");
			JsonNode broken = ws.send("{\"id\":3,\"service\":\"notes\",\"action\":\"broken\"}").nextJson();
			assertThat(broken.get("returnCode").asInt()).isEqualTo(500);
			assertThat(broken.get("returnMessage").asString()).isEqualTo("An unexpected error occurred.");
			assertThat(broken.toString()).doesNotContain("hunter2");
		}
	}

	@Test
	void answersLeaveAsTheyFinishMatchedById() {
		try (WsClient ws = connect()) {
			ws.send("{\"id\":1,\"service\":\"slow\",\"action\":\"sleep\",\"data\":{\"ms\":800}}");
			ws.send("{\"id\":2,\"service\":\"notes\",\"action\":\"echo\"}");
			assertThat(ws.nextJson().get("id").asInt()).as("the fast call overtakes the slow one").isEqualTo(2);
			JsonNode slow = ws.nextJson();
			assertThat(slow.get("id").asInt()).isEqualTo(1);
			assertThat(slow.at("/returnData/slept").asInt()).isEqualTo(800);
		}
	}

	@Test
	void malformedFramesGetAnErrorFrameAndTheSocketStaysOpen() {
		try (WsClient ws = connect()) {
			JsonNode broken = ws.send("{\"id\":1,").nextJson();
			assertThat(broken.get("id").isNull()).isTrue();
			assertThat(broken.get("returnCode").asInt()).isEqualTo(400);
			assertThat(broken.get("returnMessage").asString()).startsWith("Malformed JSON in the frame at line 1");
			assertThat(ws.send("[1,2]").nextJson().get("returnMessage").asString())
				.isEqualTo("The frame must be a JSON object, not an array.");
			JsonNode deep = ws.send("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}").nextJson();
			assertThat(deep.get("returnCode").asInt()).isEqualTo(413);
			assertThat(deep.get("returnMessage").asString())
				.isEqualTo("The frame is over a JSON limit: arrays and objects nest deeper than 100 levels.");
			assertThat(ws.send("{\"id\":{\"a\":1},\"service\":\"notes\",\"action\":\"echo\"}")
				.nextJson()
				.get("returnMessage")
				.asString()).isEqualTo("The id must be a number or a string.");
			assertThat(ws.send("{\"id\":2,\"service\":\"notes\",\"action\":\"echo\",\"data\":[1]}")
				.nextJson()
				.get("returnCode")
				.asInt()).isEqualTo(400);
			assertThat(ws.send("{\"id\":3,\"service\":\"notes\",\"action\":\"echo\"}")
				.nextJson()
				.get("returnCode")
				.asInt()).as("the socket still serves calls").isZero();
			assertThat(ws.isClosed()).isFalse();
		}
	}

	@Test
	void aFrameOverMaxFrameSizeClosesTheSocketWith1009() {
		try (WsClient ws = connect()) {
			ws.send("{\"id\":1,\"service\":\"notes\",\"action\":\"echo\",\"pad\":\"" + "x".repeat(3000) + "\"}");
			assertThat(ws.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void aFragmentedMessageOverMaxFrameSizeClosesTheSocketWith1009() {
		try (WsClient ws = connect()) {
			ws.sendFragmented("{\"pad\":\"" + "x".repeat(1500), "x".repeat(1500) + "\"}");
			assertThat(ws.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void aSocketIsMeasuredApartFromTheApiCallsOnceItCloses() {
		try (WsClient ws = connect()) {
			ws.send("{\"id\":1,\"service\":\"notes\",\"action\":\"echo\"}").next();
		}
		// The server records the socket when it sees the close, after the client's
		// close() returns.
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(app.text("/metrics")).contains("route=\"websocket\""));
	}

	@Test
	void theSocketIsMatchedBeforeTheApiRouterWhichKeepsEveryOtherCase() {
		assertThat(WsClient.handshakeStatus(url("v1"), Map.of())).isEqualTo(101);
		assertThat(WsClient.handshakeStatus(url("v9"), Map.of())).as("an unknown version is the router's 404")
			.isEqualTo(404);
		app.client()
			.get()
			.uri("/api/v1/ws")
			.exchange()
			.expectStatus()
			.isEqualTo(426)
			.expectHeader()
			.valueEquals("Upgrade", "websocket")
			.expectHeader()
			.exists("X-Request-Id")
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(426);
		app.client()
			.post()
			.uri("/api/v1/ws")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(404);
	}

}
