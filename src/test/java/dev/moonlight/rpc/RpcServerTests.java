package dev.moonlight.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.Origin;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.storage.StorageDir;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The admin RPC over a real socket: each method, malformed and foreign lines, and the
 * token rules.
 */
class RpcServerTests {

	private static int rpcPort(RunningApp app) {
		return app.bean(RpcServer.class).port();
	}

	@Test
	void statusAnswersPidAddressUptimeAndMaintenance() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
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
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  pool:\n    num_workers: 2\n")
			.start(); RpcConnection rpc = RpcConnection.authorized(app)) {
			CompletableFuture<?> slow = CompletableFuture.runAsync(
					() -> app.call("{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":1500}").expectStatus().isOk());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> rpc.send("{\"method\":\"workers\"}")
					.path("result")
					.path("pool")
					.path("busy")
					.asInt() == 1);
			JsonNode result = rpc.send("{\"method\":\"workers\"}").path("result");
			assertThat(result.path("workers").size()).isEqualTo(2);
			JsonNode busy = result.path("workers")
				.valueStream()
				.filter((worker) -> worker.path("state").asString().equals("working"))
				.findFirst()
				.orElseThrow();
			assertThat(busy.path("action").asString()).isEqualTo("slow.sleep");
			assertThat(busy.path("executions").asLong()).isOne();
			assertThat(busy.path("thread").asString()).startsWith("http-worker-");
			assertThat(busy.path("thread_id").asLong()).isPositive();
			assertThat(busy.path("busy_ms").asLong()).isNotNegative();
			assertThat(busy.path("age_ms").asLong()).isNotNegative();
			assertThat(busy.path("cpu_ns").asLong()).as("the call has run on the worker (HotSpot measures it)")
				.isPositive();
			assertThat(busy.path("allocated_bytes").asLong()).as("the call has allocated (HotSpot measures it)")
				.isPositive();
			JsonNode process = result.path("process");
			assertThat(process.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
			assertThat(process.path("rss_bytes").asLong()).as("VmRSS of /proc/self/status").isPositive();
			assertThat(process.path("heap_used_bytes").asLong()).isPositive();
			assertThat(process.path("heap_committed_bytes").asLong())
				.isGreaterThanOrEqualTo(process.path("heap_used_bytes").asLong());
			assertThat(process.path("gc_count").asLong()).isNotNegative();
			assertThat(process.path("connections").asInt()).as("the slow call's connection is open").isPositive();
			assertThat(result.path("pool").path("idle").asInt()).isOne();
			assertThat(result.path("pool").path("queued").asInt()).isZero();
			slow.join();
			// The response may leave before the worker has marked itself ready again.
			await().atMost(Duration.ofSeconds(2))
				.until(() -> rpc.send("{\"method\":\"workers\"}")
					.path("result")
					.path("workers")
					.valueStream()
					.noneMatch((worker) -> worker.path("state").asString().equals("working")));
			JsonNode after = rpc.send("{\"method\":\"workers\"}").path("result");
			assertThat(after.path("pool").path("executions").asLong()).isOne();
			assertThat(
					after.path("workers").valueStream().mapToLong((worker) -> worker.path("executions").asLong()).sum())
				.isOne();
		}
	}

	@Test
	void maintenanceOnAndOffSwitchTheGateAndLeaveSettingsIniAlone() throws Exception {
		String settings = "; kept\n[app]\nNAME = x\n";
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(settings).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			JsonNode on = rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"message\":\"Deploying\","
					+ "\"retry_after\":120,\"bypass\":\"let-me-in\"}}");
			assertThat(on.path("result").path("enabled").asBoolean()).as("answer: %s", on).isTrue();
			assertThat(on.path("result").path("bypass").asBoolean()).isTrue();
			assertThat(on.toString()).as("the token is never echoed").doesNotContain("let-me-in");
			app.client()
				.get()
				.uri("/api/v1/ping")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals("Retry-After", "120")
				.expectBody()
				.jsonPath("$.returnMessage")
				.isEqualTo("Deploying");
			assertThat(Files.readString(settingsIni(app))).as("runtime state stays out of the tracked file")
				.isEqualTo(settings);
			Path runtime = app.projectDir().resolve("storage/run/maintenance.json");
			assertThat(Files.getPosixFilePermissions(runtime)).as("it holds the bypass token")
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			JsonNode off = rpc.send("{\"method\":\"maintenance.off\"}");
			assertThat(off.path("result").path("enabled").asBoolean()).isFalse();
			assertThat(off.path("result").path("was_enabled").asBoolean()).isTrue();
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			assertThat(runtime).as("off forgets the switch and its bypass token").doesNotExist();
			assertThat(Files.readString(settingsIni(app))).isEqualTo(settings);
			assertThat(rpc.send("{\"method\":\"maintenance.off\"}").path("result").path("was_enabled").asBoolean())
				.isFalse();
		}
	}

	@Test
	void aBypassTokenIsForgottenByOffAndNotReusedByTheNextOn() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"bypass\":\"old-token-9\"}}");
			app.client().get().uri("/api/v1/ping?bypass=old-token-9").exchange().expectStatus().isOk();
			rpc.send("{\"method\":\"maintenance.off\"}");
			JsonNode again = rpc.send("{\"method\":\"maintenance.on\"}");
			assertThat(again.path("result").path("bypass").asBoolean()).as("answer: %s", again).isFalse();
			app.client().get().uri("/api/v1/ping?bypass=old-token-9").exchange().expectStatus().isEqualTo(503);
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Maintenance-Bypass", "old-token-9")
				.exchange()
				.expectStatus()
				.isEqualTo(503);
			assertThat(Files.readString(app.projectDir().resolve("storage/run/maintenance.json")))
				.doesNotContain("old-token-9");
			assertThat(settingsIni(app)).doesNotExist();
		}
	}

	@Test
	void aBypassOrMessageWithLineBreaksIsRefusedAndNoConfigFileChanges() throws Exception {
		String settings = "[app]\nNAME = x\n";
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(settings).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			Map<Path, String> before = filesOutsideStorage(app.projectDir());
			for (String bypass : List.of("x\\n[jwt]\\nSECRET=x", "x\\r\\n[jwt]\\r\\nSECRET=x", "x\\\"\\n[jwt]",
					"two words", "", "x".repeat(257))) {
				assertError(rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"bypass\":\"" + bypass + "\"}}"),
						"The bypass token must be 1 to 256 visible ASCII characters");
			}
			assertError(rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"message\":\"a\\n[jwt]\\nSECRET=x\"}}"),
					"The maintenance message must be one line");
			assertThat(app.bean(MaintenanceMode.class).state().enabled()).isFalse();
			assertThat(app.projectDir().resolve("storage/run/maintenance.json")).doesNotExist();
			assertThat(filesOutsideStorage(app.projectDir())).isEqualTo(before);
			assertThat(Files.readString(settingsIni(app))).isEqualTo(settings);
		}
	}

	@Test
	void malformedRequestsGetAnErrorAndTheConnectionKeepsServing() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			assertError(rpc.send("{\"params\":{}}"), "\"method\" must name a method");
			assertError(rpc.send("{\"method\":7}"), "\"method\" must name a method");
			assertError(rpc.send("{\"method\":\"status\",\"params\":[1]}"), "\"params\" must be an object");
			assertError(rpc.send("{\"method\":\"reboot\"}"), "Unknown method 'reboot'. Methods: status, workers, stop");
			assertError(rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"retry_after\":\"soon\"}}"),
					"retry_after must be a whole number");
			assertThat(rpc.send("{\"method\":\"status\"}").path("ok").asBoolean())
				.as("the same connection still answers after every bad request")
				.isTrue();
			assertThat(app.projectDir().resolve("storage/run/maintenance.json"))
				.as("a refused maintenance.on writes nothing")
				.doesNotExist();
		}
	}

	@Test
	void aLineThatIsNotAJsonObjectIsAnsweredOnceAndClosesTheConnection() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			String status = "{\"method\":\"status\",\"token\":\"" + RpcConnection.token(app) + "\"}";
			for (String line : List.of("this is not json", "[1,2]", "\"status\"", "", "GET / HTTP/1.1",
					"Host: 127.0.0.1", status.substring(0, status.length() - 1), status + " {}")) {
				try (RpcConnection rpc = new RpcConnection(rpcPort(app))) {
					String answer = rpc.sendRaw(line + "\n" + status + "\n");
					assertThat(answer).as("answer to %s", line)
						.contains("\"ok\":false", "Malformed request", "Closing");
					assertThat(rpc.closedByServer()).as("closed after %s; the valid line behind it is not read", line)
						.isTrue();
				}
			}
			try (RpcConnection rpc = RpcConnection.authorized(app)) {
				String answer = rpc.sendRaw("{\"method\":\"status\",\"pad\":\"" + "x".repeat(RpcServer.MAX_LINE_BYTES)
						+ "\"}\n" + status + "\n");
				assertThat(answer).contains("at most 65536 bytes", "Closing");
				assertThat(rpc.closedByServer()).as("a line over the limit closes too").isTrue();
			}
		}
	}

	@Test
	void anHttpRequestSentToTheRpcPortIsNotObeyed() throws Exception {
		String settings = "[app]\nNAME = x\n";
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(settings).start();
				RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			Map<Path, String> before = filesOutsideStorage(app.projectDir());
			// What a web page's fetch(url, {method: "POST", mode: "no-cors", body})
			// sends. Even with the right token in the body, the request line closes the
			// connection before the body is read.
			String token = RpcConnection.token(app);
			String body = "{\"method\":\"maintenance.on\",\"token\":\"" + token
					+ "\",\"params\":{\"bypass\":\"x\\n[jwt]\\nSECRET=attacker\"}}\n"
					+ "{\"method\":\"stop\",\"token\":\"" + token + "\"}\n";
			String answer = rpc.sendRaw("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + rpcPort(app) + "\r\n"
					+ "Origin: https://evil.example\r\nContent-Type: text/plain;charset=UTF-8\r\n" + "Content-Length: "
					+ body.length() + "\r\n\r\n" + body);
			assertThat(answer).contains("\"ok\":false", "Malformed request");
			assertThat(rpc.closedByServer()).isTrue();
			assertThat(app.running()).as("the stop in the body was not obeyed").isTrue();
			assertThat(app.bean(MaintenanceMode.class).state().enabled()).isFalse();
			assertThat(app.projectDir().resolve("storage/run/maintenance.json")).doesNotExist();
			assertThat(filesOutsideStorage(app.projectDir())).isEqualTo(before);
			assertThat(Files.readString(settingsIni(app))).isEqualTo(settings);
		}
	}

	@Test
	void stopAnswersFirstThenClosesTheApplication() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			int port = rpcPort(app);
			try (RpcConnection rpc = RpcConnection.authorized(app)) {
				JsonNode answer = rpc.send("{\"method\":\"stop\"}");
				assertThat(answer.path("result").path("stopping").asBoolean()).as("answer: %s", answer).isTrue();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> !app.running());
			assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("the RPC port is closed")
				.isInstanceOf(ConnectException.class);
		}
	}

	@Test
	void onLoopbackTooEveryRequestNeedsTheTokenTheServerMadeOwnerOnly() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			Path file = app.projectDir().resolve("storage/run/rpc.token");
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			String token = RpcConnection.token(app);
			assertThat(token).matches("[0-9a-f]{64}");
			assertRefusedAndClosed(app, "{\"method\":\"maintenance.on\",\"params\":{\"bypass\":\"x\"}}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"token\":\"" + token.substring(1) + "\"}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"token\":\"" + token + " \"}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"token\":\"\"}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"token\":null}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"token\":[\"" + token + "\"]}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"token\":\"" + token.toUpperCase(Locale.ROOT) + "\"}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"params\":{\"token\":\"" + token + "\"}}");
			assertThat(app.running()).as("a refused stop stops nothing").isTrue();
			assertThat(app.bean(MaintenanceMode.class).state().enabled()).isFalse();
			try (RpcConnection rpc = new RpcConnection(rpcPort(app))) {
				assertThat(rpc.send("{\"method\":\"status\",\"token\":\"" + token + "\"}").path("ok").asBoolean())
					.isTrue();
			}
		}
	}

	@Test
	void theTokenFileIsReusedAndReplacedWhenOthersCouldReadIt() throws Exception {
		Path project = Files.createTempDirectory("moonlight-rpc-token-");
		String first;
		try (RunningApp app = RunningApp.of(TestApplication.class).projectDir(project).start()) {
			first = RpcConnection.token(app);
		}
		try (RunningApp app = RunningApp.of(TestApplication.class).projectDir(project).start()) {
			assertThat(RpcConnection.token(app)).as("a restart keeps the token").isEqualTo(first);
		}
		Path file = project.resolve("storage/run/rpc.token");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		try (RunningApp app = RunningApp.of(TestApplication.class).projectDir(project).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			assertThat(RpcConnection.token(app)).as("a token others could read is replaced").isNotEqualTo(first);
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(rpc.send("{\"method\":\"status\"}").path("ok").asBoolean()).isTrue();
			assertRefusedAndClosed(app, "{\"method\":\"status\",\"token\":\"" + first + "\"}");
		}
	}

	@Test
	void theAddressFileNamesTheBoundPortWhileTheServerListens() throws Exception {
		Path file;
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			file = app.projectDir().resolve(RpcAddressFile.PATH);
			assertThat(Files.readString(file)).as("port 0 was asked for; the bound one is written")
				.isEqualTo("address=tcp://127.0.0.1:" + rpcPort(app) + "\npid=" + ProcessHandle.current().pid() + "\n");
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			RpcClient client = client(app.projectDir(), "tcp://127.0.0.1:0");
			assertThat(client.address()).isEqualTo("tcp://127.0.0.1:" + rpcPort(app));
			assertThat(client.call("status").ok()).as("reached through the file").isTrue();
		}
		assertThat(file).as("deleted as the listener closed").doesNotExist();
	}

	@Test
	void anAddressFileAnotherServerReplacedIsLeftAndOneOfADeadPidIsIgnored() throws Exception {
		Path file;
		String successor = "address=tcp://127.0.0.1:1\npid=" + ProcessHandle.current().pid() + "\n";
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			file = app.projectDir().resolve(RpcAddressFile.PATH);
			// What a reload's new process writes when it starts beside this one.
			Files.writeString(file, successor);
		}
		assertThat(file).as("the new process's address outlives the old one").hasContent(successor);
		Files.writeString(file, "address=tcp://127.0.0.1:1\npid=2147483000\n");
		assertThat(client(file.getParent().getParent().getParent(), "tcp://127.0.0.1:6001").address())
			.as("a killed server's file is not followed")
			.isEqualTo("tcp://127.0.0.1:6001");
	}

	private static RpcClient client(Path project, String listen) {
		RpcSettings settings = RpcSettings.parse(new ConfigValue(listen, new Origin(".rr.yaml", 0, "rpc.listen")),
				null);
		return new RpcClient(settings, StorageDir.of(project, (name) -> null), Duration.ofSeconds(10));
	}

	@Test
	void aConfiguredTokenOutranksTheTokenFile() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings("[rpc]\nTOKEN = s3cret-token\n").start()) {
			assertRefusedAndClosed(app, "{\"method\":\"status\"}");
			assertRefusedAndClosed(app, "{\"method\":\"stop\",\"token\":\"s3cret-tokem\"}");
			assertThat(app.projectDir().resolve("storage/run/rpc.token")).as("no file when a token is configured")
				.doesNotExist();
			try (RpcConnection rpc = new RpcConnection(rpcPort(app))) {
				assertThat(rpc.send("{\"method\":\"status\",\"token\":\"s3cret-token\"}").path("ok").asBoolean())
					.isTrue();
			}
			assertThat(app.running()).as("a refused stop stops nothing").isTrue();
		}
	}

	@Test
	void aNonLoopbackAddressWithoutATokenFailsTheBootNamingTheKey() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
			.rrYaml("rpc:\n  listen: tcp://0.0.0.0:0\n")
			.configuredRpc()
			.start()
			.close()).as("refused while the environment is prepared, before any bean")
			.isInstanceOf(ConfigException.class)
			.hasMessage(".rr.yaml:2: rpc.listen = \"tcp://0.0.0.0:0\": A non-loopback admin RPC address needs a token: "
					+ "set [rpc] TOKEN in environment/settings.ini or RPC_TOKEN, or listen on tcp://127.0.0.1.");
	}

	@Test
	void aNonLoopbackAddressWithATokenServes() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("rpc:\n  listen: tcp://0.0.0.0:0\n")
			.dotEnv("RPC_TOKEN=from-dot-env\n")
			.configuredRpc()
			.start(); RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			assertRefusedAndClosed(app, "{\"method\":\"workers\"}");
			assertThat(rpc.send("{\"method\":\"workers\",\"token\":\"from-dot-env\"}").path("ok").asBoolean()).isTrue();
		}
	}

	@Test
	void aMalformedListenAddressFailsTheBootNamingTheKey() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  address: 127.0.0.1:0\nrpc:\n" + "  listen: 127.0.0.1:6001\n")
			.configuredRpc()
			.start()
			.close()).as("refused while the environment is prepared, before any bean")
			.isInstanceOf(ConfigException.class)
			.hasMessage(".rr.yaml:4: rpc.listen = \"127.0.0.1:6001\": The address must look like tcp://127.0.0.1:6001 "
					+ "(host and port).");
	}

	@Test
	void aTakenPortFailsTheBootNamingTheKey() throws Exception {
		try (RunningApp first = RunningApp.of(TestApplication.class).start()) {
			int taken = rpcPort(first);
			assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
				.rrYaml("rpc:\n  listen: tcp://127.0.0.1:" + taken + "\n")
				.configuredRpc()
				.start()
				.close())
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

	private static void assertRefusedAndClosed(RunningApp app, String line) {
		try (RpcConnection rpc = new RpcConnection(rpcPort(app))) {
			assertError(rpc.send(line), "Unauthorized: send this server's token");
			assertThat(rpc.closedByServer()).as("closed after %s", line).isTrue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path settingsIni(RunningApp app) {
		return app.projectDir().resolve("environment/settings.ini");
	}

	/**
	 * Every file of the project but those under storage/ (runtime state), with its
	 * content.
	 */
	private static Map<Path, String> filesOutsideStorage(Path project) throws IOException {
		try (Stream<Path> files = Files.walk(project)) {
			Map<Path, String> contents = new TreeMap<>();
			for (Path file : files.filter(Files::isRegularFile)
				.filter((path) -> !project.relativize(path).startsWith("storage"))
				.toList()) {
				contents.put(project.relativize(file), Files.readString(file));
			}
			return contents;
		}
	}

	private static void assertError(JsonNode answer, String message) {
		assertThat(answer.path("ok").asBoolean()).as("answer: %s", answer).isFalse();
		assertThat(answer.path("error").asString()).contains(message);
	}

}
