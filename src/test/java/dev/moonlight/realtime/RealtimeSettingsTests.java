package dev.moonlight.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.DotEnv;
import dev.moonlight.config.IniDocument;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.config.RrYaml;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@code [realtime]} and {@code [realtime_channels]}: defaults, environment fallbacks,
 * errors, and off by default.
 */
class RealtimeSettingsTests {

	private static RealtimeSettings read(String ini, Map<String, String> env) {
		return RealtimeSettingsReader.read(new ProjectFiles(IniDocument.parse(ini), DotEnv.empty(), RrYaml.empty()),
				env::get);
	}

	@Test
	void defaultsAreOffMemoryAndMoonlight() {
		RealtimeSettings settings = read("", Map.of());
		assertThat(settings.enabled()).isFalse();
		assertThat(settings.channelPrefix()).isEqualTo("moonlight");
		assertThat(settings.broker()).isEqualTo(RealtimeSettings.BrokerKind.MEMORY);
		assertThat(settings.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
		assertThat(settings.maxFrameSize()).isEqualTo(65536);
		assertThat(settings.sendBuffer()).isEqualTo(256);
		assertThat(settings.maxInFlight()).isEqualTo(16);
		assertThat(settings.pingInterval()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void theIniWinsOverTheEnvironmentWhichFillsTheRest() {
		RealtimeSettings settings = read("""
				[realtime]
				ENABLED = on
				BROKER = redis
				PING_INTERVAL = 0
				""", Map.of("REALTIME_CHANNEL_PREFIX", "desk", "REDIS_URL", "redis://cache:6380/2", "REALTIME_BROKER",
				"memory"));
		assertThat(settings.enabled()).isTrue();
		assertThat(settings.broker()).isEqualTo(RealtimeSettings.BrokerKind.REDIS);
		assertThat(settings.channelPrefix()).isEqualTo("desk");
		assertThat(settings.redisUrl()).isEqualTo("redis://cache:6380/2");
		assertThat(settings.pingInterval()).isZero();
		assertThat(read("[realtime]\nENABLED = off\n", Map.of("REALTIME_ENABLED", "true")).enabled())
			.as("an explicit off in the ini is an answer, not a blank")
			.isFalse();
	}

	@Test
	void badValuesNameTheFileLineAndKey() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("[realtime]\nBROKER = kafka\n", Map.of()))
			.withMessage("environment/settings.ini:2: [realtime] BROKER = \"kafka\": Unknown broker; use memory "
					+ "(this instance) or redis (every instance).");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("[realtime]\nCHANNEL_PREFIX = a:b\n", Map.of()))
			.withMessageStartingWith("environment/settings.ini:2: [realtime] CHANNEL_PREFIX = \"a:b\"");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("[realtime]\n\nSEND_BUFFER = 0\n", Map.of()))
			.withMessageStartingWith("environment/settings.ini:3: [realtime] SEND_BUFFER = \"0\"");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("[realtime]\nPING_INTERVAL = soon\n", Map.of()))
			.withMessageContaining("PING_INTERVAL");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("", Map.of("REDIS_URL", "http://127.0.0.1:6379")))
			.withMessageStartingWith("process environment: REDIS_URL = \"http://127.0.0.1:6379\"");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("[realtime_channels]\nadmin =\n", Map.of()))
			.withMessageStartingWith("environment/settings.ini:2: [realtime_channels] admin");
	}

	@Test
	void channelRulesMatchTheLongestPrefix() {
		ChannelRules rules = read("[realtime_channels]\nops = ops.read, ops.audit\nops.status = public\n", Map.of())
			.channels();
		Caller auditor = new Caller("1", "a", Set.of("ops.read", "ops.audit"), Map.of());
		Caller reader = new Caller("2", "r", Set.of("ops.read"), Map.of());
		assertThatNoException().isThrownBy(() -> rules.check(auditor, "ops.deploys"));
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> rules.check(reader, "ops.deploys"));
		assertThatNoException().isThrownBy(() -> rules.check(Caller.ANONYMOUS, "ops.status.db"));
		assertThatNoException().isThrownBy(() -> rules.check(Caller.ANONYMOUS, "news"));
	}

	@Test
	void offByDefaultTheRouterAnswersTheSocketPathAndPublishingDoesNothing() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			app.client().get().uri("/api/v1/ws").exchange().expectStatus().isNotFound();
			assertThatNoException().isThrownBy(() -> app.bean(Channels.class).publish("news", "x", Map.of()));
			assertThat(WsClient.handshakeStatus("ws://127.0.0.1:" + app.port() + "/api/v1/ws", Map.of()))
				.isEqualTo(404);
		}
	}

	@Test
	void httpsOnlyRefusesAPlainHandshakeWith403LikeAnyPlainCall() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = true\n")
			.property("HTTPS_ONLY=true")
			.start()) {
			assertThat(WsClient.handshakeStatus("ws://127.0.0.1:" + app.port() + "/api/v1/ws", Map.of()))
				.isEqualTo(403);
		}
	}

	@Test
	void maintenanceModeAnswersTheHandshakeWith503() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = true\n\n[maintenance]\nENABLED = true\n")
			.start()) {
			assertThat(WsClient.handshakeStatus("ws://127.0.0.1:" + app.port() + "/api/v1/ws", Map.of()))
				.isEqualTo(503);
		}
	}

	@Test
	void openSocketsAreClosedWith1001WhenTheServerStops() {
		RunningApp app = RunningApp.of(TestApplication.class).settings("[realtime]\nENABLED = true\n").start();
		try (WsClient ws = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws")) {
			app.close();
			WsClient.Closed closed = ws.awaitClose();
			assertThat(closed.code()).isEqualTo(1001);
			assertThat(closed.reason()).isEqualTo("Server shutting down");
		}
	}

	@Test
	void aCallUnderWayAtShutdownIsAnsweredBeforeTheSocketCloses() throws Exception {
		RunningApp app = RunningApp.of(TestApplication.class).settings("[realtime]\nENABLED = true\n").start();
		try (WsClient ws = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws")) {
			ws.send("{\"id\":1,\"service\":\"drain\",\"action\":\"nap\",\"ms\":3000}");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ws.send("{\"id\":2,\"service\":\"drain\",\"action\":\"napping\"}")
					.nextJson()
					.at("/returnData/napping")
					.asInt() == 1);
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
			JsonNode answer = ws.nextJson();
			assertThat(answer.get("id").asInt()).as("the call under way is answered: " + answer).isEqualTo(1);
			assertThat(answer.at("/returnData/slept").asInt()).isEqualTo(3000);
			WsClient.Closed closed = ws.awaitClose();
			assertThat(closed.code()).as("then the socket closes").isEqualTo(1001);
			stopping.get(30, TimeUnit.SECONDS);
		}
		finally {
			app.close();
		}
	}

	@Test
	void anUnreachableRedisFailsTheBootNamingTheAddressButNotItsPassword() {
		RunningApp.Builder app = RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = true\nBROKER = redis\nREDIS_URL = redis://user:pw@127.0.0.1:1\n");
		Throwable failure = catchThrowable(app::start);
		while (failure != null && !String.valueOf(failure.getMessage()).startsWith("realtime: cannot reach Redis")) {
			failure = failure.getCause();
		}
		assertThat(failure).as("the realtime failure is in the chain").isNotNull();
		assertThat(failure.getMessage()).contains("redis://127.0.0.1:1").contains("REDIS_URL").doesNotContain("pw");
	}

}
