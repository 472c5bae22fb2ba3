package studio.northwind.deskflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bare-folder boot on the embedded default: H2's files land in storage/ under the
 * working folder.
 */
class DeskFlowBareFolderTests extends DeskFlowBareFolderContract {

	@Override
	Map<String, String> databaseEnvironment() {
		return Map.of();
	}

	@Test
	void aDatabaseNobodyAnswersForIsOneParagraphNotAStackTrace() throws Exception {
		int closed = ServerProcess.freePort();
		Map<String, String> environment = Map.of("APP_ENV", "production", "JWT_SECRET", "s".repeat(64), "DATABASE_URL",
				"postgres://deskflow@127.0.0.1:" + closed + "/deskflow");
		try (ServerProcess server = ServerProcess.startBare(DeskFlowApplication.class, this.folder,
				ServerProcess.freePort(), environment)) {
			assertThat(server.awaitExit(Duration.ofSeconds(60))).as("the boot gives up").isTrue();
			assertThat(server.exitValue()).isNotZero();
			String log = server.log();
			assertThat(log)
				.contains("Cannot connect to the database at 127.0.0.1:" + closed
						+ ", database 'deskflow' as deskflow: Connection to 127.0.0.1:" + closed + " refused")
				.contains("Check that PostgreSQL is running and listening on 127.0.0.1:" + closed)
				.doesNotContain("Caused by")
				.doesNotContain("\tat ");
			assertThat(log.lines().filter((line) -> !line.isBlank()).count()).as(log).isLessThan(12);
		}
	}

	@Test
	void theCatalogCommandRunsBesideAServerThatHoldsTheEmbeddedDatabase() throws Exception {
		Map<String, String> environment = Map.of("APP_ENV", "production", "JWT_SECRET", "s".repeat(64));
		try (ServerProcess server = ServerProcess.startBare(DeskFlowApplication.class, this.folder,
				ServerProcess.freePort(), environment)) {
			server.awaitReady(Duration.ofSeconds(90));
			ServerProcess.Finished routes = ServerProcess.runCommand(DeskFlowApplication.class, this.folder,
					environment, Duration.ofSeconds(90), "routes");
			assertThat(routes.exitCode()).as(routes.output()).isZero();
			assertThat(routes.output()).contains("task.create").contains("member.login").doesNotContain("in use");
			// An operator's shell has no JWT_SECRET: the catalog needs none.
			ServerProcess.Finished noSecret = ServerProcess.runCommand(DeskFlowApplication.class, this.folder,
					Map.of("APP_ENV", "production"), Duration.ofSeconds(90), "routes");
			assertThat(noSecret.exitCode()).as(noSecret.output()).isZero();
			assertThat(noSecret.output()).contains("task.create");
			server.awaitReady(Duration.ofSeconds(5));
		}
	}

	@Test
	void moonlightStorageDirMovesEveryRuntimeFileAndTheCommandsFindIt(@TempDir Path state) throws Exception {
		Map<String, String> environment = Map.of("APP_ENV", "production", "JWT_SECRET", "s".repeat(64),
				"MOONLIGHT_STORAGE_DIR", state.toString(), "MOONLIGHT_RPC_LISTEN",
				"tcp://127.0.0.1:" + ServerProcess.freePort());
		int port = ServerProcess.freePort();
		try (ServerProcess server = ServerProcess.startBare(DeskFlowApplication.class, this.folder, port,
				environment)) {
			server.awaitReady(Duration.ofSeconds(90));
			ServerProcess.Finished on = ServerProcess.runCommand(DeskFlowApplication.class, this.folder, environment,
					Duration.ofSeconds(60), "maintenance:on", "--message", "Moving house");
			assertThat(on.exitCode()).as(on.output()).isZero();
			assertThat(state.resolve("run/maintenance.json")).isRegularFile();
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ping")).build();
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(http.send(ping, HttpResponse.BodyHandlers.ofString()).body())
					.contains("Moving house"));
		}
		assertThat(state.resolve("data/deskflow.mv.db")).isRegularFile();
		assertThat(this.folder.resolve("storage")).doesNotExist();
	}

	@Override
	void assertDatabaseUntouched(Path folder) {
		assertThat(folder.resolve("storage/data")).doesNotExist();
	}

	@Override
	void assertFolderAfterRun(Path folder) {
		super.assertFolderAfterRun(folder);
		assertThat(folder.resolve("storage/data/deskflow.mv.db")).isRegularFile();
	}

}
