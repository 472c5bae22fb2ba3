package studio.northwind.deskflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testing.ServerProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production from the jar alone (issue 14): DeskFlow started in a folder that holds
 * nothing, configured by environment variables only, serves the whole API on the
 * settings.ini and .rr.yaml its jar carries, with no demo in it.
 */
abstract class DeskFlowBareFolderContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path folder;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** {@code DATABASE_URL} and the like; empty for the embedded default. */
	abstract Map<String, String> databaseEnvironment();

	@Test
	void anEmptyFolderWithEnvironmentVariablesServesTheApiWithoutDemoData() throws Exception {
		Map<String, String> environment = new HashMap<>(databaseEnvironment());
		environment.put("APP_ENV", "production");
		environment.put("JWT_SECRET", HexFormat.of().formatHex(randomBytes()));
		int port = ServerProcess.freePort();
		try (ServerProcess server = startBare(this.folder, port, environment)) {
			server.awaitReady(Duration.ofSeconds(90));
			assertBoot(server.log());
			URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/");

			JsonNode demo = call(api, null, "{\"service\":\"member\",\"action\":\"login\","
					+ "\"email\":\"alex@northwind.studio\",\"password\":\"deskflow123\"}");
			assertThat(demo.get("returnCode").asInt()).as("no seeded demo member in production").isEqualTo(401);
			assertThat(call(api, null,
					"{\"service\":\"member\",\"action\":\"register\",\"name\":\"Robin\","
							+ "\"email\":\"robin@northwind.studio\",\"password\":\"a long passphrase\"}")
				.get("returnCode")
				.asInt()).isZero();
			String token = call(api, null,
					"{\"service\":\"member\",\"action\":\"login\","
							+ "\"email\":\"robin@northwind.studio\",\"password\":\"a long passphrase\"}")
				.at("/returnData/token")
				.asString();
			assertThat(token).as("JWT is on: the jar's [app_authentications] applies").isNotBlank();

			JsonNode created = call(api, token,
					"{\"service\":\"task\",\"action\":\"create\",\"title\":\"First task\"}");
			assertThat(created.get("returnCode").asInt()).isZero();
			assertThat(created.at("/returnData/task/assignee").asString()).as("the creator, not the demo account")
				.isEqualTo("robin@northwind.studio");
			assertThat(call(api, token, "{\"service\":\"task\",\"action\":\"list\"}").at("/returnData/tasks").size())
				.as("no seeded tasks")
				.isEqualTo(1);
		}
		assertThat(this.folder.resolve("environment")).as("no first-run .env in production").doesNotExist();
		assertFolderAfterRun(this.folder);
	}

	@Test
	void productionWithoutASecretStopsBeforeTouchingTheDatabaseAndSaysWhatToSet() throws Exception {
		Map<String, String> environment = new HashMap<>(databaseEnvironment());
		environment.put("APP_ENV", "production");
		try (ServerProcess server = startBare(this.folder, ServerProcess.freePort(), environment)) {
			assertThat(server.awaitExit(Duration.ofSeconds(60))).as("the boot gives up").isTrue();
			assertThat(server.exitValue()).isNotZero();
			assertThat(server.log()).contains("process environment: JWT_SECRET: JWT secret is missing.")
				.contains("Fix the environment variable (or Spring property) JWT_SECRET.")
				.doesNotContain("environment/.env")
				.doesNotContain("Migrating schema")
				.doesNotContain("HikariPool-1 - Start");
		}
		assertDatabaseUntouched(this.folder);
	}

	/**
	 * The README's training run for a class-data archive: the bare {@code java -jar}
	 * start with one Spring argument serves its own calls and stops with 0. The second
	 * boot finds both schemas as the first left them and does not run Flyway; the
	 * PostgreSQL variant shows the same on a server database.
	 */
	@Test
	void aTrainingRunServesItsCallsThenStopsAndTheNextBootSkipsUnchangedMigrations() throws Exception {
		Map<String, String> environment = new HashMap<>(databaseEnvironment());
		environment.put("APP_ENV", "production");
		environment.put("JWT_SECRET", HexFormat.of().formatHex(randomBytes()));
		environment.put("PORT", Integer.toString(ServerProcess.freePort()));
		environment.put("MOONLIGHT_RPC_LISTEN", "tcp://127.0.0.1:0");
		ServerProcess.Finished first = runCommand(this.folder, environment, "--moonlight.training-run=3");
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("deskflow-api is serving")
			.contains("Training run: 12 calls answered (ping, overview, /ready, envelope)")
			.contains("Successfully applied")
			.doesNotContain("unchanged since its last migration");
		environment.put("PORT", Integer.toString(ServerProcess.freePort()));
		ServerProcess.Finished second = runCommand(this.folder, environment, "--moonlight.training-run=1");
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).contains("Training run: 4 calls answered")
			.contains("Schema 'flyway_schema_history' unchanged since its last migration")
			.contains("Schema 'moonlight_schema_history' unchanged since its last migration")
			.doesNotContain("Successfully validated");
	}

	/** DeskFlow's bare {@code java -jar} start in {@code folder}. */
	ServerProcess startBare(Path folder, int port, Map<String, String> environment) {
		return ServerProcess.startBare(DeskFlowApplication.class, folder, port, environment);
	}

	/** The same start with {@code arguments}, run to its end. */
	ServerProcess.Finished runCommand(Path folder, Map<String, String> environment, String... arguments)
			throws InterruptedException {
		return ServerProcess.runCommand(DeskFlowApplication.class, folder, environment, Duration.ofSeconds(120),
				arguments);
	}

	/** What the log of a boot that serves says about how it started. */
	void assertBoot(String log) {
		assertThat(log).contains("Starting DeskFlowApplication");
	}

	/** Nothing was created or migrated by a boot that stopped on its configuration. */
	abstract void assertDatabaseUntouched(Path folder) throws Exception;

	/** What the run left in the folder beside its log. */
	void assertFolderAfterRun(Path folder) {
		assertThat(Files.exists(folder.resolve(".rr.yaml"))).isFalse();
	}

	private JsonNode call(URI api, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(api)
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return JSON.readTree(this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
