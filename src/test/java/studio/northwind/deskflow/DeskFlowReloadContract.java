package studio.northwind.deskflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testing.KeepAliveLoad;
import dev.moonlight.testing.KeepAliveLoad.Outcome;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code deskflow reload} while 16 keep-alive connections send task.create and task.list
 * (the mixed load): the new process serves before the old one drains, so every
 * request sent is answered 200 (no connection refused, none cut short), the old process
 * exits, the pid file names the new one, and the database holds every task answered 200.
 * A new process that cannot start (a broken {@code .rr.yaml}) leaves the old one serving,
 * and {@code reload} says why; fixed, SIGHUP reloads. The database is PostgreSQL, an H2
 * server, or the embedded H2 file, which the old process serves to the new one until it
 * takes the file over.
 */
abstract class DeskFlowReloadContract {

	private static final Duration BOOT = Duration.ofSeconds(120);

	private static final int CLIENTS = 16;

	private static final Pattern STARTED_BY_HANG_UP = Pattern.compile("Reload asked by SIGHUP: pid (\\d+) is starting");

	@TempDir
	Path project;

	private Long successorPid;

	/** The {@code DATABASE_URL} line for {@code .env}. */
	abstract String databaseUrlLine();

	/**
	 * A JDBC connection to the database the servers use, once the test no longer calls
	 * them.
	 */
	abstract Connection openDatabase() throws SQLException;

	/**
	 * A line the new process logs once the database is its own, when the database changes
	 * hands.
	 */
	Optional<String> handOverLine() {
		return Optional.empty();
	}

	@AfterEach
	void stopTheNewProcess() throws Exception {
		Optional<ProcessHandle> successor = Optional.ofNullable(successorPid).flatMap(ProcessHandle::of);
		if (successor.isPresent() && successor.get().isAlive()) {
			successor.get().destroy();
			try {
				successor.get().onExit().get(60, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				successor.get().destroyForcibly();
			}
		}
	}

	@Test
	void reloadUnderMixedLoadFailsNoRequestAndKeepsEveryAcknowledgedTask() throws Exception {
		int port = ServerProcess.freePort();
		writeProject(port);
		List<Outcome> outcomes;
		try (ServerProcess old = ServerProcess.startWithConfiguredRpc(DeskFlowApplication.class, project, port)) {
			old.awaitReady(BOOT);
			try (KeepAliveLoad load = new KeepAliveLoad(port, "Bearer " + DeskFlowShutdownContract.login(port),
					DeskFlowReloadContract::mixed, CLIENTS, 200)
				.refusalsFail()
				.start()) {
				assertThat(load.awaitAnswers(Duration.ofSeconds(60))).as("the load runs\n" + old.log()).isTrue();
				ServerProcess.Finished reload = ServerProcess.runCommand(DeskFlowApplication.class, project, Map.of(),
						Duration.ofSeconds(300), "reload");
				successorPid = pidFile();
				assertThat(reload.exitCode()).as(reload.output() + "\n--- server\n" + old.log()).isZero();
				assertThat(reload.output()).contains(
						"pid " + successorPid + " is starting; pid " + old.pid() + " serves meanwhile",
						"Reloaded: pid " + successorPid + " serves http://127.0.0.1:" + port);
				assertThat(successorPid).as("the pid file names the new process").isNotEqualTo(old.pid());
				assertThat(old.awaitExit(Duration.ofSeconds(70))).as("the old process has exited").isTrue();
				handOverLine()
					.ifPresent((line) -> await().atMost(Duration.ofSeconds(60)).until(() -> old.log().contains(line)));
				// The load goes on against the new process alone before it is judged.
				int before = load.outcomes().size();
				await().atMost(Duration.ofSeconds(60)).until(() -> load.outcomes().size() >= before + 400);
				load.close();
				assertThat(load.awaitStopped(Duration.ofSeconds(60))).as("every client ends").isTrue();
				outcomes = load.outcomes();
			}
			String figures = DeskFlowShutdownContract.summary(outcomes);
			System.out.println(getClass().getSimpleName() + " reload: " + figures);
			assertThat(outcomes).as("every request sent is answered 200, none refused\n" + figures + "\n" + old.log())
				.allSatisfy((outcome) -> assertThat(outcome.status()).as("%s", outcome).isEqualTo(200));
			String log = old.log();
			// In order, read with indexOf: AssertJ's containsSubsequence takes minutes on
			// a log of 40,000 access lines.
			assertThat(inOrder(log, "Reload: started pid " + successorPid,
					"Reload: pid " + successorPid + " serves; this process drains and stops",
					"Admin RPC closed: pid " + successorPid + " answers the commands now", "Draining: listeners closed",
					"Drained: "))
				.as("the old process left the admin port to the new one, then drained")
				.isTrue();
			assertThat(log).doesNotContain("ERROR");
		}
		assertThat(ping(port)).as("the new process serves").isEqualTo(200);
		assertThat(storedReloadTasks()).as("the database holds every task answered 200")
			.containsAllEntriesOf(acknowledged(outcomes));
	}

	@Test
	void aNewProcessThatCannotStartLeavesTheOldOneServingAndReloadSaysWhy() throws Exception {
		int port = ServerProcess.freePort();
		writeProject(port);
		try (ServerProcess old = ServerProcess.startWithConfiguredRpc(DeskFlowApplication.class, project, port)) {
			old.awaitReady(BOOT);
			Path rr = project.resolve(".rr.yaml");
			String good = Files.readString(rr, StandardCharsets.UTF_8);
			Files.writeString(rr, good.replaceFirst("num_workers: *\\d+", "num_workers: many"), StandardCharsets.UTF_8);
			assertThat(Files.readString(rr)).contains("num_workers: many");
			ServerProcess.Finished reload = ServerProcess.runCommand(DeskFlowApplication.class, project, Map.of(),
					Duration.ofSeconds(300), "reload");
			System.out.println(getClass().getSimpleName() + " failed reload: " + reload.output());
			assertThat(reload.exitCode()).as(reload.output()).isOne();
			assertThat(reload.output()).contains("did not start: ", "num_workers",
					"pid " + old.pid() + " keeps serving");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> old.log().contains("Reload failed, this process keeps serving"));
			assertThat(ping(port)).as("the old process serves on").isEqualTo(200);
			Files.writeString(rr, good, StandardCharsets.UTF_8);
			// Fixed, the reload succeeds; this time asked as nginx is, by SIGHUP, with a
			// pid file as systemd's PIDFile= or runserver --detach has one: the old
			// process points it at the new one before it drains.
			Files.writeString(project.resolve("storage/run/deskflow.pid"), old.pid() + "\n", StandardCharsets.UTF_8);
			assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(old.pid())).start().waitFor()).isZero();
			await().atMost(BOOT).until(() -> STARTED_BY_HANG_UP.matcher(old.log()).find());
			Matcher started = STARTED_BY_HANG_UP.matcher(old.log());
			assertThat(started.find()).isTrue();
			successorPid = Long.valueOf(started.group(1));
			assertThat(old.awaitExit(BOOT)).as("the old process exits once the new one serves\n" + old.log()).isTrue();
			assertThat(old.log()).contains("Reload: pid " + successorPid + " serves; this process drains and stops");
			assertThat(pidFile()).as("the pid file follows the new process, whoever asked for the reload")
				.isEqualTo(successorPid);
			assertThat(ping(port)).isEqualTo(200);
		}
	}

	private static boolean inOrder(String text, String... parts) {
		int from = 0;
		for (String part : parts) {
			int at = text.indexOf(part, from);
			if (at < 0) {
				return false;
			}
			from = at + part.length();
		}
		return true;
	}

	void writeProject(int port) throws Exception {
		writeProject(port, databaseUrlLine());
	}

	/**
	 * The shipped settings with the admin RPC on a free port, and {@code databaseLine} in
	 * {@code .env}.
	 */
	void writeProject(int port, String databaseLine) throws Exception {
		Files.createDirectories(project.resolve("environment"));
		Files.writeString(project.resolve(".rr.yaml"),
				ShippedConfig.rrYaml() + "\nrpc:\n  listen: tcp://127.0.0.1:" + ServerProcess.freePort() + "\n");
		Files.writeString(project.resolve("environment/settings.ini"), ShippedConfig.settingsIni());
		Files.writeString(project.resolve("environment/.env"), ShippedConfig.dotEnv() + databaseLine);
		assertThat(port).isPositive();
	}

	private Long pidFile() throws Exception {
		Path file = project.resolve("storage/run/deskflow.pid");
		return Files.exists(file) ? Long.valueOf(Files.readString(file).strip()) : null;
	}

	/** Client {@code client}'s {@code n}-th call: creates and lists taking turns. */
	private static String mixed(int client, int n) {
		return (n % 2 == 0)
				? "{\"service\":\"task\",\"action\":\"create\",\"title\":\"reload-" + client + "-" + n + "\"}"
				: "{\"service\":\"task\",\"action\":\"list\",\"limit\":5}";
	}

	private static Map<String, Long> acknowledged(List<Outcome> outcomes) {
		Pattern title = Pattern.compile("\"title\":\"(reload-[0-9-]+)\"");
		Map<String, Long> tasks = new HashMap<>();
		for (Outcome outcome : outcomes) {
			Matcher sent = title.matcher(String.valueOf(outcome.request()));
			if (!sent.find()) {
				continue;
			}
			Matcher task = Pattern.compile("\"id\":(\\d+),\"title\":\"" + sent.group(1) + "\"").matcher(outcome.body());
			assertThat(task.find()).as(outcome.body()).isTrue();
			tasks.put(sent.group(1), Long.valueOf(task.group(1)));
		}
		assertThat(tasks).as("the load created tasks").isNotEmpty();
		return tasks;
	}

	private Map<String, Long> storedReloadTasks() throws SQLException {
		try (Connection connection = openDatabase();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id, title FROM tasks WHERE title LIKE 'reload-%'")) {
			Map<String, Long> stored = new HashMap<>();
			while (rows.next()) {
				stored.put(rows.getString("title"), rows.getLong("id"));
			}
			return stored;
		}
	}

	private static int ping(int port) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ping")).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
