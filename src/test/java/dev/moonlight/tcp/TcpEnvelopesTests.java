package dev.moonlight.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import dev.moonlight.security.AccessRule;
import dev.moonlight.security.JwtSettings;
import dev.moonlight.security.JwtTokens;
import dev.moonlight.security.TestTokens;
import dev.moonlight.testapp.GateService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.MutableClock;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The envelope API as lines ({@link TcpEnvelopes}): dispatch as over HTTP, auth lines,
 * malformed lines, and lines of one connection handled at once with their answers in
 * order.
 */
class TcpEnvelopesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The time the JWT backend checks tokens against, set back to the real time before
	 * each test ({@link #realTime()}), so a test that moves it past an exp moves no other
	 * test's.
	 */
	private static final MutableClock clock = new MutableClock(Instant.now());

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.initializer((context) -> ((GenericApplicationContext) context).registerBean(JwtTokens.class,
					() -> TestTokens.jwtTokens(clock)))
			.settings("[app_authentications]\njwt = dev.moonlight.security.JwtAuthentication\n"
					+ "slow = dev.moonlight.testapp.SlowBearerBackend\n")
			.dotEnv("JWT_SECRET=" + TestTokens.SECRET + "\n")
			.rrYaml("tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n")
			.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@BeforeEach
	void realTime() {
		clock.set(Instant.now());
	}

	private static LineClient connect() {
		return LineClient.connect(app.bean(TcpServers.class).port("lines"), "\n");
	}

	private static JsonNode call(LineClient client, String json) {
		return JSON.readTree(client.write(json + "\n").readLine());
	}

	@Test
	void eachLineIsAnEnvelopeCallAnsweredWithOneEnvelopeLine() {
		try (LineClient client = connect()) {
			String answer = client.write("{\"service\":\"notes\",\"action\":\"echo\",\"id\":5}\n").readLine();
			assertThat(answer).startsWith("{\"returnCode\":0,\"returnMessage\":null,\"returnData\":{");
			JsonNode echo = JSON.readTree(answer);
			assertThat(echo.at("/returnData/params/id").asInt()).as("a line is an HTTP body: id is a parameter")
				.isEqualTo(5);
			JsonNode invalid = call(client, "{\"service\":\"notes\",\"action\":\"create\"}");
			assertThat(invalid.get("returnCode").asInt()).isEqualTo(422);
			assertThat(call(client, "{\"service\":\"nope\",\"action\":\"x\"}").get("returnMessage").asString())
				.isEqualTo("Service nope not found");
		}
	}

	@Test
	void malformedAndBlankLinesKeepTheConnection() {
		try (LineClient client = connect()) {
			JsonNode malformed = call(client, "{oops");
			assertThat(malformed.get("returnCode").asInt()).isEqualTo(400);
			assertThat(malformed.get("returnMessage").asString()).startsWith("Malformed JSON in the line at line 1");
			JsonNode deep = call(client, "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
			assertThat(deep.get("returnCode").asInt()).as("a JSON limit is an envelope, not a crash").isEqualTo(413);
			assertThat(deep.get("returnMessage").asString())
				.isEqualTo("The line is over a JSON limit: arrays and objects nest deeper than 100 levels.");
			client.write("\n   \n");
			assertThat(call(client, "[]").get("returnMessage").asString())
				.isEqualTo("The line must be a JSON object, not an array.");
			assertThat(call(client, "{\"service\":\"notes\",\"action\":\"echo\"}").get("returnCode").asInt()).isZero();
		}
	}

	@Test
	void anAuthLineLogsTheConnectionInAndEachLineChecksTheTokenAgain() {
		try (LineClient client = connect()) {
			assertThat(call(client, "{\"service\":\"vault\",\"action\":\"whoami\"}").get("returnMessage").asString())
				.isEqualTo(AccessRule.LOGIN_REQUIRED);
			assertThat(call(client, "{\"auth\":\"nonsense\"}").get("returnCode").asInt()).isEqualTo(401);
			// Expired now, and still good for the clock skew.
			String token = TestTokens.hs256(
					TestTokens.claims("42", List.of("vault.read")).expirationTime(Date.from(clock.instant())).build());
			JsonNode auth = call(client, "{\"auth\":\"" + token + "\"}");
			assertThat(auth.get("returnMessage").asString()).isEqualTo("Authenticated");
			assertThat(call(client, "{\"service\":\"vault\",\"action\":\"read\"}").get("returnData").asString())
				.isEqualTo("secret");
			clock.advance(JwtSettings.CLOCK_SKEW.plusSeconds(1));
			assertThat(call(client, "{\"service\":\"vault\",\"action\":\"read\"}").get("returnCode").asInt())
				.as("past exp and its 60 s of clock skew the token no longer counts")
				.isEqualTo(401);
		}
	}

	@Test
	void linesOfOneConnectionRunAtOnceAndTheirAnswersLeaveInTheOrderTheyCame() {
		GateService gate = app.bean(GateService.class);
		try (LineClient client = connect()) {
			client.write("{\"service\":\"gate\",\"action\":\"hold\"}\n{\"service\":\"gate\",\"action\":\"hold\"}\n"
					+ "{\"service\":\"notes\",\"action\":\"echo\",\"n\":3}\n");
			await("both held lines run at once").atMost(Duration.ofSeconds(10)).until(() -> gate.holding() == 2);
			gate.open();
			assertThat(JSON.readTree(client.readLine()).at("/returnData/opened").asBoolean()).isTrue();
			assertThat(JSON.readTree(client.readLine()).at("/returnData/opened").asBoolean()).isTrue();
			assertThat(JSON.readTree(client.readLine()).at("/returnData/params/n").asInt())
				.as("the quick line's answer waited for the two before it")
				.isEqualTo(3);
		}
	}

	@Test
	void aLineSentWithItsAuthLineRunsAsTheCallerItLogsIn() {
		String token = TestTokens.hs256(TestTokens.claims("42", List.of("vault.read")).build());
		try (LineClient client = connect()) {
			client.write("{\"auth\":\"" + token + "\"}\n{\"service\":\"vault\",\"action\":\"read\"}\n"
					+ "{\"auth\":\"nonsense\"}\n{\"service\":\"vault\",\"action\":\"read\"}\n");
			assertThat(JSON.readTree(client.readLine()).get("returnMessage").asString()).isEqualTo("Authenticated");
			assertThat(JSON.readTree(client.readLine()).get("returnData").asString()).isEqualTo("secret");
			assertThat(JSON.readTree(client.readLine()).get("returnCode").asInt()).isEqualTo(401);
			assertThat(JSON.readTree(client.readLine()).get("returnData").asString())
				.as("a refused token leaves the login as it was")
				.isEqualTo("secret");
		}
	}

	@Test
	void aLineSentWithAnAuthLineWaitsForABackendThatAnswersLater() {
		try (LineClient client = connect()) {
			client.write("{\"auth\":\"slow-7\"}\n{\"service\":\"vault\",\"action\":\"whoami\"}\n");
			assertThat(JSON.readTree(client.readLine()).get("returnMessage").asString()).isEqualTo("Authenticated");
			assertThat(JSON.readTree(client.readLine()).at("/returnData/id").asString())
				.as("the line ran as the caller its auth line logged in, though the check came later")
				.isEqualTo("7");
		}
	}

}
