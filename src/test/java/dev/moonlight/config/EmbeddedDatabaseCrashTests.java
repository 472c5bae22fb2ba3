package dev.moonlight.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testapp.TestServer;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps what it acknowledged across a kill -9: a server on the
 * default H2 file queues jobs (each answered 202 with its id), is killed with SIGKILL
 * straight after the last answer, and every acknowledged job row is in the file. With
 * H2's default write delay the last half second of commits was lost (all 30 here). The
 * next start sees that the file was left open and builds its indexes again from the
 * tables ({@code EmbeddedH2Recovery}); the start after a clean stop does not.
 */
class EmbeddedDatabaseCrashTests {

	private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"([^\"]+)\"");

	private static final int JOBS = 30;

	@TempDir
	Path project;

	@Test
	void everyJobAnsweredAsQueuedIsStillThereAfterSigkill() throws Exception {
		Files.createDirectories(this.project.resolve("environment"));
		Files.writeString(this.project.resolve("environment/settings.ini"),
				"[jobs]\nENABLED = true\nPIPELINE = jdbc\n");
		Files.writeString(this.project.resolve(".rr.yaml"), "jobs:\n  pipelines:\n    jdbc:\n      driver: jdbc\n");
		int port = ServerProcess.freePort();
		List<String> acknowledged = new ArrayList<>();
		long killed;
		try (ServerProcess server = ServerProcess.start(TestServer.class, this.project, port)) {
			server.awaitReady(Duration.ofSeconds(60));
			HttpClient client = HttpClient.newHttpClient();
			for (int i = 0; i < JOBS; i++) {
				// Due in an hour: the rows stay queued, so only durability decides
				// whether they are there.
				HttpResponse<String> answer = client
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"work\",\"action\":\"enqueue\","
								+ "\"job_service\":\"work\",\"job_action\":\"note\",\"payload\":{\"key\":\"crash-" + i
								+ "\"}," + "\"delay_ms\":3600000}"))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
				Matcher id = JOB_ID.matcher(answer.body());
				assertThat(id.find()).as(answer.body()).isTrue();
				acknowledged.add(id.group(1));
			}
			killed = server.pid();
			server.kill();
		}
		Path data = this.project.resolve("storage/data");
		Path mark = data
			.resolve(ApplicationDefaults.of(TestApplication.class).fileName() + ".moonlight-open." + killed);
		assertThat(mark).as("left by the killed server").exists();
		try (ServerProcess server = ServerProcess.start(TestServer.class, this.project, port)) {
			server.awaitReady(Duration.ofSeconds(60));
			assertThat(server.log()).contains("was not closed by the process that had it open (pid " + killed + ":")
				.contains("indexes were built again from their tables");
			assertThat(mark).as("done with").doesNotExist();
			server.terminate();
			assertThat(server.awaitExit(Duration.ofSeconds(60))).isTrue();
		}
		try (Stream<Path> marks = Files.list(data)) {
			assertThat(marks.map((path) -> path.getFileName().toString())).as("a clean stop removes its mark")
				.noneMatch((name) -> name.contains(".moonlight-open."));
		}
		assertThat(storedJobs(acknowledged)).as("acknowledged jobs found after SIGKILL").isEqualTo(JOBS);
	}

	/**
	 * How many of the ids are rows of the job table, read from the H2 file once the
	 * process is gone.
	 */
	private int storedJobs(List<String> ids) throws Exception {
		Path file = this.project.resolve("storage/data")
			.resolve(ApplicationDefaults.of(TestApplication.class).fileName());
		String url = "jdbc:h2:file:" + file.toAbsolutePath() + DatabaseResolver.H2_OPTIONS;
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				PreparedStatement select = connection
					.prepareStatement("SELECT COUNT(*) FROM moonlight_jobs WHERE id = ?")) {
			int found = 0;
			for (String id : ids) {
				select.setString(1, id);
				try (ResultSet rows = select.executeQuery()) {
					rows.next();
					found += rows.getInt(1);
				}
			}
			return found;
		}
	}

}
