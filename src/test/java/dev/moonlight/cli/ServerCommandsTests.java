package dev.moonlight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.maintenance.MaintenanceState;
import dev.moonlight.maintenance.MaintenanceSwitch;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code workers}, {@code maintenance:on|off} and {@code stopserver} against a running
 * server, over its admin RPC.
 */
class ServerCommandsTests {

	/**
	 * A CPU time or an age: {@code 850ms}, {@code 4.2s}, {@code 3m 07s}, or {@code -}.
	 */
	private static final String CPU = "(-|\\d+ms|\\d+\\.\\ds|\\d+m \\d\\ds)";

	private static final String AGE = CPU;

	/** {@code 512 B}, {@code 1.5 KB}, or {@code -}. */
	private static final String BYTES = "(-|\\d+ B|\\d+\\.\\d [KMGT]B)";

	@TempDir
	Path emptyProject;

	private static RunningApp start(String settings) {
		return start(settings, "");
	}

	/** {@code pool} adds keys to {@code http.pool}, indented by four spaces. */
	private static RunningApp start(String settings, String pool) {
		int rpc = Cli.freePort();
		return RunningApp.of(TestApplication.class)
			.rrYaml(Cli.rrYamlWithRpc(rpc, "http:\n  pool:\n    num_workers: 2\n" + pool))
			.settings(settings)
			.configuredRpc()
			.start();
	}

	private static String dir(RunningApp app) {
		return "--project-dir=" + app.projectDir();
	}

	@Test
	void workersShowsABusyWorkerWithItsActionAndAgeAndTheQueue() {
		try (RunningApp app = start("")) {
			CompletableFuture<?> slow = CompletableFuture.runAsync(
					() -> app.call("{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":2500}").expectStatus().isOk());
			await().atMost(Duration.ofSeconds(5)).until(() -> app.bean(BoundedWorkerPool.class).stats().busy() == 1);
			Cli.Result result = Cli.run("workers", dir(app));
			assertThat(result.exit()).as("%s", result).isZero();
			// Any line, not the first: the server runs in this JVM, and an earlier test's
			// server may log its last lines to the same stdout while this one prints.
			assertThat(result.out().lines()).as("%s", result)
				.anyMatch((line) -> line
					.matches("WORKER\\s+THREAD\\s+STATE\\s+EXECUTIONS\\s+CPU\\s+ALLOCATED\\s+UP\\s+ACTION\\s+AGE"));
			assertThat(result.out()).as("%s", result)
				.containsPattern("(?m)^\\d\\s+\\d+\\s+working\\s+1\\s+" + CPU + "\\s+" + BYTES + "\\s+" + AGE
						+ "\\s+slow\\.sleep\\s+\\d+(ms|\\.\\ds)$")
				.containsPattern(
						"(?m)^\\d\\s+\\d+\\s+ready\\s+0\\s+" + CPU + "\\s+" + BYTES + "\\s+" + AGE + "\\s+-\\s+-$")
				.contains(
						"queue: 0 waiting (unbounded), 1 of 2 workers busy; 1 executions, 0 rejected (503), 0 timed out (504)")
				.containsPattern("(?m)^process: pid " + ProcessHandle.current().pid() + ", RSS " + BYTES + ", heap "
						+ BYTES + " used of " + BYTES + " committed, GC \\d+ in " + AGE
						+ ", HTTP connections [1-9]\\d*$")
				.as("no supervisor key is set, so no supervisor line")
				.doesNotContainPattern("(?m)^supervisor:");
			slow.join();
		}
	}

	/**
	 * {@code --json} prints the RPC's answer, every figure with its unit in its name; the
	 * supervisor's keys are in it and in the table's supervisor line.
	 */
	@Test
	void workersJsonGivesScriptsEveryFigureAndTheTableNamesTheSupervisor() {
		try (RunningApp app = start("", "    max_jobs: 1000\n    supervisor:\n      idle_ttl: 5m\n")) {
			app.call("{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":1}").expectStatus().isOk();
			Cli.Result result = Cli.run("workers", "--json", dir(app));
			assertThat(result.exit()).as("%s", result).isZero();
			JsonNode answer = JsonMapper.builder().build().readTree(jsonIn(result.out()));
			assertThat(answer.path("workers").size()).isEqualTo(2);
			JsonNode worker = answer.path("workers").get(0);
			assertThat(worker.path("thread").asString()).startsWith("http-worker-");
			assertThat(worker.path("thread_id").asLong()).isPositive();
			assertThat(worker.path("age_ms").asLong()).isNotNegative();
			JsonNode ran = answer.path("workers")
				.valueStream()
				.filter((each) -> each.path("executions").asLong() == 1)
				.findFirst()
				.orElseThrow();
			assertThat(ran.path("cpu_ns").asLong()).as("the worker that ran the call used CPU: %s", ran).isPositive();
			assertThat(ran.path("allocated_bytes").asLong()).as("and allocated: %s", ran).isPositive();
			JsonNode pool = answer.path("pool");
			assertThat(pool.path("threads").asInt()).isEqualTo(2);
			assertThat(pool.path("max_jobs").asLong()).isEqualTo(1000);
			assertThat(pool.path("idle_ttl_ms").asLong()).isEqualTo(300_000);
			JsonNode process = answer.path("process");
			assertThat(process.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
			assertThat(process.path("rss_bytes").asLong()).as("VmRSS on Linux").isPositive();
			assertThat(process.path("heap_used_bytes").asLong()).isPositive()
				.isLessThanOrEqualTo(process.path("heap_committed_bytes").asLong());
			assertThat(process.path("gc_ms").asLong()).isNotNegative();
			assertThat(process.path("connections").asInt()).isNotNegative();

			Cli.Result table = Cli.run("workers", dir(app));
			assertThat(table.out()).as("%s", table)
				.contains("supervisor: max_jobs 1000, idle_ttl 5m 00s; 2 of 2 threads running, 0 recycled");
		}
	}

	/**
	 * The pretty-printed object among the server's own log lines (same JVM, same stdout).
	 */
	private static String jsonIn(String out) {
		int start = out.indexOf("{\n");
		int end = out.indexOf("\n}", start);
		assertThat(start).as("a JSON object in %s", out).isNotNegative();
		return out.substring(start, end + 2);
	}

	@Test
	void workersInteractiveJsonPrintsOneObjectALine() {
		try (RunningApp app = start("")) {
			Cli.Result result = Cli.run("workers", "-i", "--json", "--interval=0.2", "--count=2", dir(app));
			assertThat(result.exit()).as("%s", result).isZero();
			assertThat(result.out().lines().filter((line) -> line.startsWith("{\"workers\":[")))
				.as("two refreshes, one line each, no screen clearing")
				.hasSize(2);
			assertThat(result.out()).doesNotContain("\u001B[H", "Ctrl+C");
		}
	}

	@Test
	void workersInteractiveRedrawsInPlace() {
		try (RunningApp app = start("")) {
			Cli.Result result = Cli.run("workers", "-i", "--interval=0.2", "--count=3", dir(app));
			assertThat(result.exit()).as("%s", result).isZero();
			assertThat(result.out().split("\u001B\\[H\u001B\\[2J", -1)).as("three screens, each cleared first")
				.hasSize(4);
			assertThat(result.out()).contains("Ctrl+C to stop");
		}
	}

	@Test
	void maintenanceOnAndOffGoThroughTheRunningServer() throws Exception {
		String settings = "; DeskFlow settings\n[app]\nNAME = x\n";
		try (RunningApp app = start(settings)) {
			Cli.Result on = Cli.run("maintenance:on", "--message=Deploying DeskFlow", "--retry-after=120",
					"--bypass=open-sesame", dir(app));
			assertThat(on.exit()).as("%s", on).isZero();
			// The server runs in this JVM, so its own log lines share the captured
			// stdout.
			assertThat(on.out()).contains("Application is now in maintenance mode.\nMessage: Deploying DeskFlow",
					"Retry-After: 120 seconds",
					"Bypass: add ?bypass=open-sesame to a URL, or send the header X-Maintenance-Bypass: open-sesame")
				.doesNotContain("No server is running");
			app.client()
				.get()
				.uri("/api/v1/ping")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.returnMessage")
				.isEqualTo("Deploying DeskFlow");
			app.client().get().uri("/api/v1/ping?bypass=open-sesame").exchange().expectStatus().isOk();
			Path runtime = app.projectDir().resolve(MaintenanceSwitch.PATH);
			assertThat(Files.readString(runtime)).as("only the token's digest is kept")
				.contains("bypass_sha256")
				.doesNotContain("open-sesame");
			assertThat(Files.readString(app.projectDir().resolve("environment/settings.ini"))).isEqualTo(settings);

			Cli.Result up = Cli.run("up", dir(app));
			assertThat(up.exit()).as("%s", up).isZero();
			assertThat(up.out()).contains("Application is live again.").doesNotContain("not in maintenance");
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			assertThat(runtime).as("the bypass token is gone with the switch").doesNotExist();
			assertThat(Files.readString(app.projectDir().resolve("environment/settings.ini"))).isEqualTo(settings);

			Cli.Result again = Cli.run("maintenance:off", dir(app));
			assertThat(again.out()).contains("Application is not in maintenance mode.");

			Cli.Result down = Cli.run("down", dir(app));
			assertThat(down.out()).as("nothing of the earlier maintenance is reused")
				.contains("Application is now in maintenance mode.", "Message: " + MaintenanceState.DEFAULT_MESSAGE,
						"to let yourself in, add --bypass=TOKEN")
				.doesNotContain("Deploying DeskFlow", "Bypass: add");
			app.client().get().uri("/api/v1/ping?bypass=open-sesame").exchange().expectStatus().isEqualTo(503);
		}
	}

	@Test
	void stopserverStopsTheServerThenSaysNoneRuns() {
		try (RunningApp app = start("")) {
			String address = app.baseUrl();
			Cli.Result stop = Cli.run("stopserver", dir(app));
			assertThat(stop.exit()).as("%s", stop).isZero();
			assertThat(stop.out()).contains("Stopping " + address + " (pid " + ProcessHandle.current().pid() + ")...",
					"Stopped.");
			await().atMost(Duration.ofSeconds(30)).until(() -> !app.running());
			Cli.Result none = Cli.run("stopserver", dir(app));
			assertThat(none.exit()).as("%s", none).isOne();
			assertThat(none.err()).contains("No server is running: nothing answers on tcp://127.0.0.1:",
					"there is no storage/run/test.pid");
		}
	}

	@Test
	void theCommandsSendTheConfiguredToken() {
		try (RunningApp app = start("[rpc]\nTOKEN = cli-token\n")) {
			Cli.Result workers = Cli.run("workers", dir(app));
			assertThat(workers.exit()).as("%s", workers).isZero();
		}
	}

	@Test
	void withoutTheTokenFileTheCommandsSayWhatIsMissing() throws Exception {
		try (RunningApp app = start("")) {
			Files.delete(app.projectDir().resolve("storage/run/rpc.token"));
			Cli.Result workers = Cli.run("workers", dir(app));
			assertThat(workers.exit()).as("%s", workers).isOne();
			assertThat(workers.err()).contains("workers: Something answers on tcp://127.0.0.1:", "but there is no "
					+ app.projectDir().resolve("storage/run/rpc.token") + ": is it this project's server?");
		}
	}

	@Test
	void withoutAServerTheCommandsSaySoAndHowToStartOne() {
		String dir = "--project-dir=" + emptyProject;
		int rpc = Cli.freePort();
		writeRrYaml(rpc);
		Cli.Result workers = Cli.run("workers", dir);
		assertThat(workers.exit()).isOne();
		assertThat(workers.err().strip()).isEqualTo("No server is running: nothing answers on tcp://127.0.0.1:" + rpc
				+ " (rpc.listen in .rr.yaml). Start one with 'test runserver'.");
		Cli.Result stop = Cli.run("stopserver", dir);
		assertThat(stop.exit()).isOne();
		assertThat(stop.err()).contains("No server is running");
	}

	@Test
	void maintenanceWithoutAServerWritesTheRuntimeFileAndNeverSettingsIni() throws Exception {
		writeRrYaml(Cli.freePort());
		Path ini = emptyProject.resolve("environment/settings.ini");
		Files.createDirectories(ini.getParent());
		String settings = "; keep me\n[maintenance]\nENABLED = false\nMESSAGE = \"Old\"\n\n[server]\nPORT = 8000\n";
		Files.writeString(ini, settings);
		String dir = "--project-dir=" + emptyProject;

		Cli.Result on = Cli.run("maintenance:on", "-m", "Back at noon", "--retry-after", "60", dir);
		assertThat(on.exit()).as("%s", on).isZero();
		assertThat(on.out()).startsWith("Application is now in maintenance mode.")
			.contains("Message: Back at noon", "Retry-After: 60 seconds", "to let yourself in, add --bypass=TOKEN",
					"No server is running; storage/run/maintenance.json was written");
		assertThat(Files.readString(ini)).isEqualTo(settings);
		try (RunningApp app = RunningApp.of(TestApplication.class).projectDir(emptyProject).start()) {
			app.client()
				.get()
				.uri("/api/v1/ping")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals("Retry-After", "60")
				.expectBody()
				.jsonPath("$.returnMessage")
				.isEqualTo("Back at noon");
		}

		Cli.Result off = Cli.run("maintenance:off", dir);
		assertThat(off.out()).contains("No server is running; storage/run/maintenance.json was deleted.",
				"Application is live again.");
		assertThat(Files.readString(ini)).isEqualTo(settings);

		Cli.Result again = Cli.run("up", dir);
		assertThat(again.out().strip()).isEqualTo("Application is not in maintenance mode.");

		Cli.Result injected = Cli.run("maintenance:on", "--bypass=x\n[jwt]\nSECRET=attacker", dir);
		assertThat(injected.exit()).as("%s", injected).isOne();
		assertThat(injected.err()).contains("The bypass token must be 1 to 256 visible ASCII characters");
		assertThat(emptyProject.resolve(MaintenanceSwitch.PATH)).doesNotExist();
		assertThat(Files.readString(ini)).isEqualTo(settings);

		Files.writeString(ini, settings.replace("ENABLED = false", "ENABLED = true"));
		Cli.Result kept = Cli.run("maintenance:off", dir);
		assertThat(kept.exit()).as("%s", kept).isOne();
		assertThat(kept.err()).contains("the configuration keeps maintenance on: [maintenance] ENABLED");
	}

	private void writeRrYaml(int rpcPort) {
		try {
			Files.writeString(emptyProject.resolve(".rr.yaml"), Cli.rrYamlWithRpc(rpcPort, ""));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
