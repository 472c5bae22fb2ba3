package dev.moonlight.rpc;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;

import dev.moonlight.config.ConfigException;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The admin RPC over a real socket: each method, malformed lines, and the token rules. */
class RpcServerTests {

	private static int rpcPort(RunningApp app) {
		return app.bean(RpcServer.class).port();
	}

	@Test
	void statusAnswersPidAddressUptimeAndMaintenance() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			JsonNode answer = rpc.send("{\"method\":\"status\",\"id\":7}");
			assertThat(answer.path("ok").asBoolean()).as("answer: %s", answer).isTrue();
			assertThat(answer.path("id").asInt()).as("the id is echoed").isEqualTo(7);
			JsonNode status = answer.path("result");
			assertThat(status.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
			assertThat(status.path("address").asString()).isEqualTo(app.baseUrl());
			assertThat(status.path("rpc").asString()).isEqualTo("tcp://127.0.0.1:" + rpcPort(app));
			assertThat(status.path("uptime_ms").asLong()).isNotNegative();
			assertThat(status.path("maintenance").path("enabled").asBoolean()).isFalse();
		}
	}

	@Test
	void workersListsEachWorkerWithTheRunningActionAndThePool() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml("http:\n  pool:\n    num_workers: 2\n").start();
				RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			CompletableFuture<?> slow = CompletableFuture.runAsync(() -> app.client().post().uri("/api/v1/")
				.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":1500}")
				.exchange().expectStatus().isOk());
			await().atMost(Duration.ofSeconds(5)).until(() -> rpc.send("{\"method\":\"workers\"}")
				.path("result").path("pool").path("busy").asInt() == 1);
			JsonNode result = rpc.send("{\"method\":\"workers\"}").path("result");
			assertThat(result.path("workers").size()).isEqualTo(2);
			JsonNode busy = result.path("workers").valueStream()
				.filter((worker) -> worker.path("state").asString().equals("working")).findFirst().orElseThrow();
			assertThat(busy.path("action").asString()).isEqualTo("slow.sleep");
			assertThat(busy.path("executions").asLong()).isOne();
			assertThat(busy.path("thread").asString()).startsWith("http-worker-");
			assertThat(result.path("pool").path("idle").asInt()).isOne();
			assertThat(result.path("pool").path("queued").asInt()).isZero();
			slow.join();
			// The response may leave before the worker has marked itself ready again.
			await().atMost(Duration.ofSeconds(2)).until(() -> rpc.send("{\"method\":\"workers\"}").path("result")
				.path("workers").valueStream().noneMatch((worker) -> worker.path("state").asString().equals("working")));
			JsonNode after = rpc.send("{\"method\":\"workers\"}").path("result");
			assertThat(after.path("pool").path("executions").asLong()).isOne();
			assertThat(after.path("workers").valueStream().mapToLong((worker) -> worker.path("executions").asLong()).sum())
				.isOne();
		}
	}

	@Test
	void maintenanceOnAndOffSwitchTheGateAndRewriteSettings() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings("; kept\n[app]\nNAME = x\n").start();
				RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			JsonNode on = rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"message\":\"Deploying\","
					+ "\"retry_after\":120,\"bypass\":\"let-me-in\"}}");
			assertThat(on.path("result").path("enabled").asBoolean()).as("answer: %s", on).isTrue();
			assertThat(on.path("result").path("bypass").asBoolean()).isTrue();
			assertThat(on.toString()).as("the token is never echoed").doesNotContain("let-me-in");
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isEqualTo(503)
				.expectHeader().valueEquals("Retry-After", "120")
				.expectBody().jsonPath("$.returnMessage").isEqualTo("Deploying");
			String ini = Files.readString(app.projectDir().resolve("environment/settings.ini"));
			assertThat(ini).contains("; kept", "[maintenance]", "ENABLED = true", "MESSAGE = \"Deploying\"",
					"RETRY_AFTER = 120", "BYPASS = \"let-me-in\"");
			JsonNode off = rpc.send("{\"method\":\"maintenance.off\"}");
			assertThat(off.path("result").path("enabled").asBoolean()).isFalse();
			assertThat(off.path("result").path("was_enabled").asBoolean()).isTrue();
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			assertThat(Files.readString(app.projectDir().resolve("environment/settings.ini"))).contains("ENABLED = false");
			assertThat(rpc.send("{\"method\":\"maintenance.off\"}").path("result").path("was_enabled").asBoolean())
				.isFalse();
		}
	}

	@Test
	void malformedLinesGetAnErrorAndTheConnectionKeepsServing() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			assertError(rpc.send("this is not json"), "Malformed request");
			assertError(rpc.send("[1,2]"), "Malformed request");
			assertError(rpc.send(""), "Malformed request");
			assertError(rpc.send("{\"params\":{}}"), "\"method\" must name a method");
			assertError(rpc.send("{\"method\":\"reboot\"}"), "Unknown method 'reboot'. Methods: status, workers, stop");
			assertError(rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"retry_after\":\"soon\"}}"),
					"retry_after must be a whole number");
			assertError(rpc.send("{\"method\":\"status\",\"pad\":\"" + "x".repeat(RpcServer.MAX_LINE_BYTES) + "\"}"),
					"at most 65536 bytes");
			assertThat(rpc.send("{\"method\":\"status\"}").path("ok").asBoolean())
				.as("the same connection still answers after every bad line").isTrue();
			assertThat(Files.exists(app.projectDir().resolve("environment/settings.ini")))
				.as("a refused maintenance.on writes nothing").isFalse();
		}
	}

	@Test
	void stopAnswersFirstThenClosesTheApplication() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			int port = rpcPort(app);
			try (RpcConnection rpc = new RpcConnection(port)) {
				JsonNode answer = rpc.send("{\"method\":\"stop\"}");
				assertThat(answer.path("result").path("stopping").asBoolean()).as("answer: %s", answer).isTrue();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> !app.running());
			assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("the RPC port is closed")
				.isInstanceOf(ConnectException.class);
		}
	}

	@Test
	void aTokenIsRequiredOnEveryRequestOnceConfigured() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings("[rpc]\nTOKEN = s3cret-token\n").start();
				RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			assertError(rpc.send("{\"method\":\"status\"}"), "Unauthorized");
			assertError(rpc.send("{\"method\":\"stop\",\"token\":\"s3cret-tokem\"}"), "Unauthorized");
			assertThat(rpc.send("{\"method\":\"status\",\"token\":\"s3cret-token\"}").path("ok").asBoolean()).isTrue();
			assertThat(app.running()).as("a refused stop stops nothing").isTrue();
		}
	}

	@Test
	void aNonLoopbackAddressWithoutATokenFailsTheBootNamingTheKey() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class).rrYaml("rpc:\n  listen: tcp://0.0.0.0:0\n")
			.configuredRpc().start().close())
			.hasRootCauseInstanceOf(ConfigException.class)
			.rootCause()
			.hasMessage(".rr.yaml:2: rpc.listen = \"tcp://0.0.0.0:0\": A non-loopback admin RPC address needs a token: "
					+ "set [rpc] TOKEN in environment/settings.ini or RPC_TOKEN, or listen on tcp://127.0.0.1.");
	}

	@Test
	void aNonLoopbackAddressWithATokenServes() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml("rpc:\n  listen: tcp://0.0.0.0:0\n")
			.dotEnv("RPC_TOKEN=from-dot-env\n").configuredRpc().start();
				RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			assertError(rpc.send("{\"method\":\"workers\"}"), "Unauthorized");
			assertThat(rpc.send("{\"method\":\"workers\",\"token\":\"from-dot-env\"}").path("ok").asBoolean()).isTrue();
		}
	}

	@Test
	void aMalformedListenAddressFailsTheBootNamingTheKey() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class).rrYaml("http:\n  address: 127.0.0.1:0\nrpc:\n"
				+ "  listen: 127.0.0.1:6001\n").configuredRpc().start().close())
			.hasRootCauseInstanceOf(ConfigException.class)
			.rootCause()
			.hasMessage(".rr.yaml:4: rpc.listen = \"127.0.0.1:6001\": The address must look like tcp://127.0.0.1:6001 "
					+ "(host and port).");
	}

	@Test
	void aTakenPortFailsTheBootNamingTheKey() throws Exception {
		try (RunningApp first = RunningApp.of(TestApplication.class).start()) {
			int taken = rpcPort(first);
			assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
				.rrYaml("rpc:\n  listen: tcp://127.0.0.1:" + taken + "\n").configuredRpc().start().close())
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining(".rr.yaml:2: rpc.listen = \"tcp://127.0.0.1:"
						+ taken + "\": The admin RPC cannot listen there: the port is in use"));
		}
	}

	@Test
	void onlyAWebServerHasAnAdminRpc() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RpcAutoConfiguration.class))
			.run((context) -> assertThat(context).as("routes boots without a web server: nothing to administer")
				.doesNotHaveBean(RpcServer.class));
	}

	private static void assertError(JsonNode answer, String message) {
		assertThat(answer.path("ok").asBoolean()).as("answer: %s", answer).isFalse();
		assertThat(answer.path("error").asString()).contains(message);
	}

}
