package dev.moonlight.realtime;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.security.AccessRule;
import dev.moonlight.security.TestTokens;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins on a socket: the upgrade's bearer header, an auth frame, refusals, marks, and
 * expiry closing with 4401.
 */
class WebSocketAuthTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[app_authentications]
				jwt = dev.moonlight.security.JwtAuthentication

				[realtime]
				ENABLED = true
				""").dotEnv("JWT_SECRET=" + TestTokens.SECRET + "\n").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static String url() {
		return "ws://127.0.0.1:" + app.port() + "/api/v1/ws";
	}

	private static String token(List<String> permissions) {
		return TestTokens.hs256(TestTokens.claims("42", permissions).build());
	}

	private static String tokenExpiringIn(long seconds) {
		return TestTokens.hs256(TestTokens.claims("42", List.of("vault.read"))
			.expirationTime(Date.from(Instant.now().plusSeconds(seconds)))
			.build());
	}

	private static Map<String, String> bearer(String token) {
		return Map.of("Authorization", "Bearer " + token);
	}

	private static JsonNode call(WsClient ws, int id, String action) {
		return ws.send("{\"id\":" + id + ",\"service\":\"vault\",\"action\":\"" + action + "\"}").nextJson();
	}

	@Test
	void theUpgradesBearerHeaderAuthenticatesEveryCall() {
		try (WsClient ws = WsClient.connect(url(), bearer(token(List.of("vault.read"))))) {
			JsonNode whoami = call(ws, 1, "whoami");
			assertThat(whoami.get("returnCode").asInt()).isZero();
			assertThat(whoami.at("/returnData/id").asString()).isEqualTo("42");
			assertThat(call(ws, 2, "read").get("returnData").asString()).isEqualTo("secret");
		}
	}

	@Test
	void marksAnswer401And403AsOverHttp() {
		try (WsClient anonymous = WsClient.connect(url())) {
			JsonNode refused = call(anonymous, 1, "whoami");
			assertThat(refused.get("returnCode").asInt()).isEqualTo(401);
			assertThat(refused.get("returnMessage").asString()).isEqualTo(AccessRule.LOGIN_REQUIRED);
		}
		try (WsClient ws = WsClient.connect(url(), bearer(token(List.of("other"))))) {
			JsonNode forbidden = call(ws, 1, "read");
			assertThat(forbidden.get("returnCode").asInt()).isEqualTo(403);
			assertThat(forbidden.get("returnMessage").asString()).isEqualTo(AccessRule.PERMISSION_MISSING);
		}
	}

	@Test
	void anAuthFrameLogsTheSocketInAndCallsSentRightAfterItWaitForIt() {
		try (WsClient ws = WsClient.connect(url())) {
			ws.send("{\"id\":1,\"auth\":\"" + token(List.of("vault.read")) + "\"}");
			ws.send("{\"id\":2,\"service\":\"vault\",\"action\":\"whoami\"}");
			JsonNode auth = ws.nextJson();
			assertThat(auth.get("id").asInt()).isEqualTo(1);
			assertThat(auth.get("returnMessage").asString()).isEqualTo(FrameProtocol.AUTHENTICATED);
			assertThat(auth.at("/returnData/id").asString()).isEqualTo("42");
			assertThat(auth.at("/returnData/expires_at").asString()).endsWith("Z");
			JsonNode whoami = ws.nextJson();
			assertThat(whoami.get("returnCode").asInt()).as("the call sent before the auth answer came back").isZero();
		}
	}

	@Test
	void aRefusedAuthFrameIs401AndLeavesTheSocketAsItWas() {
		try (WsClient ws = WsClient.connect(url())) {
			JsonNode refused = ws.send("{\"id\":1,\"auth\":\"not-a-token\"}").nextJson();
			assertThat(refused.get("returnCode").asInt()).isEqualTo(401);
			assertThat(refused.get("returnMessage").asString()).isEqualTo(FrameProtocol.BAD_TOKEN);
			assertThat(call(ws, 2, "peek").get("returnCode").asInt()).as("still open, still anonymous").isZero();
			assertThat(call(ws, 3, "whoami").get("returnCode").asInt()).isEqualTo(401);
			assertThat(ws.send("{\"id\":4,\"auth\":7}").nextJson().get("returnCode").asInt()).isEqualTo(400);
		}
	}

	@Test
	void aBearerHeaderThatNoBackendAcceptsRefusesTheHandshakeWith401() {
		assertThat(WsClient.handshakeStatus(url(), bearer("not-a-token"))).isEqualTo(401);
		assertThat(WsClient.handshakeStatus(url(), bearer(tokenExpiringIn(-120)))).isEqualTo(401);
		assertThat(WsClient.handshakeStatus(url(), Map.of())).as("no token is an anonymous socket").isEqualTo(101);
	}

	@Test
	void whenTheHeadersTokenExpiresTheSocketIsToldAndClosedWith4401() {
		try (WsClient ws = WsClient.connect(url(), bearer(tokenExpiringIn(2)))) {
			assertThat(call(ws, 1, "read").get("returnCode").asInt()).isZero();
			JsonNode told = ws.nextJson();
			assertThat(told.get("id").isNull()).isTrue();
			assertThat(told.get("returnCode").asInt()).isEqualTo(401);
			assertThat(told.get("returnMessage").asString()).isEqualTo(FrameProtocol.EXPIRED);
			WsClient.Closed closed = ws.awaitClose();
			assertThat(closed.code()).isEqualTo(4401);
			assertThat(closed.reason()).isEqualTo("Token expired");
		}
	}

	@Test
	void whenAnAuthFramesTokenExpiresTheSocketIsClosedWith4401AndAFreshTokenExtendsIt() {
		try (WsClient ws = WsClient.connect(url())) {
			ws.send("{\"auth\":\"" + tokenExpiringIn(1) + "\"}").nextJson();
			ws.send("{\"auth\":\"" + tokenExpiringIn(600) + "\"}").nextJson();
			assertThat(ws.isClosed()).isFalse();
			assertThat(awaitSilence(ws)).as("the fresh token replaced the first one's expiry").isTrue();
		}
		try (WsClient ws = WsClient.connect(url())) {
			ws.send("{\"auth\":\"" + tokenExpiringIn(1) + "\"}").nextJson();
			assertThat(ws.nextJson().get("returnCode").asInt()).isEqualTo(401);
			assertThat(ws.awaitClose().code()).isEqualTo(4401);
		}
	}

	/** No message and no close for 2.5 s, past the first token's expiry. */
	private static boolean awaitSilence(WsClient ws) {
		try {
			return ws.poll(java.time.Duration.ofMillis(2500)) == null && !ws.isClosed();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
