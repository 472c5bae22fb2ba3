package studio.northwind.deskflow;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reload contract on DeskFlow's default database, the embedded H2 file: the old
 * process serves it to the new one through a keyed H2 server on loopback, and the new one
 * takes the file over once the old one has drained.
 */
class DeskFlowReloadEmbeddedTests extends DeskFlowReloadContract {

	@Override
	String databaseUrlLine() {
		return "";
	}

	@Override
	Optional<String> handOverLine() {
		return Optional.of("Reload: this process opened the database file itself");
	}

	@Test
	void aNewProcessConfiguredForAnotherFileDoesNotStartAndTheOldOneServesOn() throws Exception {
		int port = ServerProcess.freePort();
		writeProject(port);
		try (ServerProcess old = ServerProcess.startWithConfiguredRpc(DeskFlowApplication.class, project, port)) {
			old.awaitReady(Duration.ofSeconds(120));
			Path settings = project.resolve("environment/settings.ini");
			Files.writeString(settings,
					Files.readString(settings, StandardCharsets.UTF_8)
						.replace("[db]\n", "[db]\ndatabase_type = h2\ndatabase_name = storage/data/other\n"),
					StandardCharsets.UTF_8);
			ServerProcess.Finished reload = ServerProcess.runCommand(DeskFlowApplication.class, project, Map.of(),
					Duration.ofSeconds(300), "reload");
			assertThat(reload.exitCode()).as(reload.output()).isOne();
			assertThat(reload.output()).contains("did not start", "a reload cannot change the embedded database",
					"pid " + old.pid() + " keeps serving");
			assertThat(RawHttp.get(port, "/api/v1/ping").status()).as("the old process serves on").isEqualTo(200);
		}
	}

	@Test
	void reloadsInARowPassTheFileOnWhileTheCommandAsksAgainThroughTheOverlap() throws Exception {
		int port = ServerProcess.freePort();
		writeProject(port);
		try (ServerProcess first = ServerProcess.startWithConfiguredRpc(DeskFlowApplication.class, project, port)) {
			first.awaitReady(Duration.ofSeconds(120));
			ServerProcess.Finished toSecond = ServerProcess.runCommand(DeskFlowApplication.class, project, Map.of(),
					Duration.ofSeconds(300), "reload", "--until=ready");
			assertThat(toSecond.exitCode()).as(toSecond.output()).isZero();
			assertThat(toSecond.output()).as("--until=ready returns once the new process serves")
				.contains("serves (ready after")
				.doesNotContain("Reloaded:");
			long second = pid();
			// Asked at once: the first process (stopping) and the second (still reaching
			// the first one's database) refuse, and the command asks again until the
			// second hands the file on.
			ServerProcess.Finished toThird = ServerProcess.runCommand(DeskFlowApplication.class, project, Map.of(),
					Duration.ofSeconds(300), "reload");
			assertThat(toThird.exitCode()).as(toThird.output() + "\n--- server\n" + first.log()).isZero();
			long third = pid();
			assertThat(third).isNotEqualTo(second);
			assertThat(first.awaitExit(Duration.ofSeconds(70))).as("the first process exited").isTrue();
			assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).as("the second exited")
				.isFalse();
			assertThat(first.log()).contains("Reload: started pid " + third).doesNotContain("ERROR");
			assertThat(RawHttp.get(port, "/api/v1/ping").status()).as("the third process serves").isEqualTo(200);
			ProcessHandle process = ProcessHandle.of(third).orElseThrow();
			process.destroy();
			process.onExit().get(60, TimeUnit.SECONDS);
		}
	}

	private long pid() throws Exception {
		return Long.parseLong(Files.readString(project.resolve("storage/run/deskflow.pid")).strip());
	}

	/**
	 * The file is the new process's while it runs: it is stopped first, cleanly, so its
	 * last writes are in.
	 */
	@Override
	Connection openDatabase() throws SQLException {
		try {
			stopTheNewProcess();
		}
		catch (Exception ex) {
			throw new SQLException("could not stop the new process", ex);
		}
		return DriverManager.getConnection("jdbc:h2:file:" + project.resolve("storage/data/deskflow").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
	}

}
