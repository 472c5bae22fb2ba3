package studio.northwind.deskflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.moonlight.cli.MoonlightCli;

import dev.moonlight.testing.KeepAliveLoad;
import dev.moonlight.testing.KeepAliveLoad.Outcome;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (or {@code stopserver}) to a DeskFlow process (shipped settings: two workers,
 * jobs and realtime on) while 16 keep-alive connections send {@code task.create}. Every
 * request sent is answered 200 (none 500, none cut short, none unanswered): a kept-alive
 * connection is closed by an answer that says {@code Connection: close}, never under a
 * request, and the client's next connection is refused, the listener closed. The
 * database, opened afresh once the server has exited, holds exactly the tasks answered
 * 200: none lost, none done without its answer.
 */
abstract class DeskFlowShutdownContract {

	private static final Duration BOOT = Duration.ofSeconds(120);

	private static final int CLIENTS = 16;

	private static final Pattern TASK = Pattern.compile("\"id\":(\\d+),\"title\":\"(drain-[0-9-]+)\"");

	@TempDir
	Path project;

	/**
	 * The {@code DATABASE_URL} line for {@code .env}, or an empty string for the embedded
	 * H2 database.
	 */
	abstract String databaseUrlLine();

	/** A JDBC connection to the database the server used, once it has exited. */
	abstract Connection openDatabase(Path project) throws SQLException;

	/** How the test asks the server to stop. */
	enum Stop {

		SIGTERM, STOPSERVER

	}

	@ParameterizedTest
	@EnumSource(Stop.class)
	void stopUnderKeepAliveLoadAnswersEveryRequestItReadAndKeepsEveryAcknowledgedTask(Stop stop) throws Exception {
		int rpcPort = ServerProcess.freePort();
		Files.createDirectories(project.resolve("environment"));
		Files.writeString(project.resolve(".rr.yaml"),
				ShippedConfig.rrYaml() + "\nrpc:\n  listen: tcp://127.0.0.1:" + rpcPort + "\n");
		Files.writeString(project.resolve("environment/settings.ini"), ShippedConfig.settingsIni());
		Files.writeString(project.resolve("environment/.env"), ShippedConfig.dotEnv() + databaseUrlLine());
		int port = ServerProcess.freePort();
		List<Outcome> outcomes;
		try (ServerProcess server = ServerProcess.startWithConfiguredRpc(DeskFlowApplication.class, project, port)) {
			server.awaitReady(BOOT);
			try (KeepAliveLoad load = new KeepAliveLoad(port, "Bearer " + login(port), DeskFlowShutdownContract::create,
					CLIENTS, 200)
				.start()) {
				assertThat(load.awaitAnswers(Duration.ofSeconds(60))).as("the load runs\n" + server.log()).isTrue();
				CompletableFuture<Integer> stopped = stop(stop, server);
				assertThat(load.awaitStopped(Duration.ofSeconds(90))).as("every client ends, refused\n" + server.log())
					.isTrue();
				outcomes = load.outcomes();
				assertThat(stopped.get(60, TimeUnit.SECONDS)).as("stopserver's exit code").isZero();
			}
			assertThat(server.awaitExit(Duration.ofSeconds(60))).as("the server exits\n" + server.log()).isTrue();
			String figures = summary(outcomes);
			System.out.println(getClass().getSimpleName() + " " + stop + ": " + figures);
			String log = figures + "\n" + server.log();
			assertThat(outcomes).as("every request sent is answered 200\n" + log)
				.allSatisfy((outcome) -> assertThat(outcome.status()).isEqualTo(200));
			assertThat(outcomes).as("the drain closed kept-alive connections by answers\n" + log)
				.anyMatch(Outcome::closes);
			assertThat(log).as("the database pool closes after the drain")
				.containsSubsequence("Draining: listeners closed", "Drained: ", "HikariPool-1 - Shutdown completed")
				.doesNotContain("ERROR");
		}
		Map<String, Long> acknowledged = new HashMap<>();
		for (Outcome outcome : outcomes) {
			Matcher task = TASK.matcher(outcome.body());
			assertThat(task.find()).as(outcome.body()).isTrue();
			acknowledged.put(task.group(2), Long.valueOf(task.group(1)));
		}
		assertThat(storedDrainTasks()).as("the database holds exactly the tasks answered 200").isEqualTo(acknowledged);
	}

	/** Client {@code client}'s {@code n}-th task: its title says whose it is. */
	private static String create(int client, int n) {
		return "{\"service\":\"task\",\"action\":\"create\",\"title\":\"drain-" + client + "-" + n + "\"}";
	}

	/**
	 * SIGTERM, as a container stop sends it; or {@code stopserver}, which asks over the
	 * admin RPC.
	 */
	private CompletableFuture<Integer> stop(Stop stop, ServerProcess server) {
		if (stop == Stop.SIGTERM) {
			server.terminate();
			return CompletableFuture.completedFuture(0);
		}
		return CompletableFuture
			.supplyAsync(() -> MoonlightCli.run(DeskFlowApplication.class, "stopserver", "--project-dir=" + project));
	}

	private Map<String, Long> storedDrainTasks() throws SQLException {
		try (Connection connection = openDatabase(project);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id, title FROM tasks WHERE title LIKE 'drain-%'")) {
			Map<String, Long> stored = new HashMap<>();
			while (rows.next()) {
				stored.put(rows.getString("title"), rows.getLong("id"));
			}
			return stored;
		}
	}

	static String login(int port) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"member\",\"action\":\"login\","
						+ "\"email\":\"alex@northwind.studio\",\"password\":\"" + ShippedConfig.SEED_PASSWORD + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
		assertThat(token.find()).as(response.body()).isTrue();
		return token.group(1);
	}

	/**
	 * Figures for the log: answers by status and Connection header, failures by kind of
	 * connection.
	 */
	static String summary(List<Outcome> outcomes) {
		return outcomes.stream()
			.collect(Collectors.groupingBy(
					(outcome) -> outcome.answered()
							? outcome.status() + (outcome.closes() ? " Connection: close" : " kept alive")
							: "unanswered on a " + (outcome.fresh() ? "fresh" : "kept-alive") + " connection",
					TreeMap::new, Collectors.counting()))
			.toString();
	}

}
