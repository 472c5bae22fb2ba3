package dev.moonlight.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.JobsTestMain;
import dev.moonlight.testing.ServerProcess;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code jobs:*} commands against a server running in a JVM of its own: they go
 * through its admin RPC. Proof that they did: they show the server's memory pipeline,
 * whose jobs no other process can see, and they work while the server holds the embedded
 * H2 file, which a command booting for itself could not open. Once the server is stopped,
 * the commands boot for themselves and print the same table.
 */
class JobsCommandsOverRpcTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path project;

	@Test
	void aRunningServerAnswersEveryJobsCommand() throws Exception {
		int port = ServerProcess.freePort();
		Files.createDirectories(project.resolve("environment"));
		Files.writeString(project.resolve("environment/settings.ini"),
				"[jobs]\nENABLED = true\nPIPELINE = fast\nMAX_ATTEMPTS = 1\nBACKOFF = 50ms\n");
		Files.writeString(project.resolve(".rr.yaml"), Cli.rrYamlWithRpc(ServerProcess.freePort(), """
				jobs:
				  pool:
				    num_workers: 1
				  pipelines:
				    fast:
				      driver: memory
				      config:
				        poll_interval: 100ms
				    jdbc:
				      driver: jdbc
				      config:
				        poll_interval: 100ms
				"""));
		try (ServerProcess server = ServerProcess.startWithConfiguredRpc(JobsTestMain.class, project, port)) {
			server.awaitReady(Duration.ofSeconds(90));
			assertThat(jobs("jobs:pause", "fast").out()).isEqualTo("Paused: fast\n");
			String fine = enqueue(port, "{\"key\":\"fine\"}");
			String broken = enqueue(port, "{\"key\":\"broken\",\"fail_times\":9}");

			Cli.Result stats = jobs("jobs:stats");
			assertThat(stats.out()).as("the memory pipeline's jobs are the server's alone")
				.containsPattern("(?m)^fast\\s+memory\\s+2\\s+0\\s+0\\s+0$")
				.containsPattern("(?m)^jdbc\\s+jdbc\\s+0\\s+0\\s+0\\s+0$");
			assertThat(jobs("jobs:list").out()).containsPattern("(?m)^fast\\s+memory\\s+paused$");

			assertThat(jobs("jobs:resume", "fast").out()).isEqualTo("Resumed: fast\n");
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(300))
				.until(() -> jobs("jobs:stats").out().matches("(?s).*\nfast\\s+memory\\s+0\\s+0\\s+1\\s+1\n.*"));

			Cli.Result failed = jobs("jobs:failed");
			assertThat(failed.out()).contains(broken, "fast", "work.note", "1/1", "planned failure 1")
				.doesNotContain(fine);
			assertThat(jobs("jobs:failed", "--json").out()).contains("\"job_id\" : \"" + broken + "\"");
			assertThat(jobs("jobs:retry", broken).out()).isEqualTo("Queued again: " + broken + "\n");
			Cli.Result unknown = jobs("jobs:retry", "no-such-job");
			assertThat(unknown.exit()).isOne();
			assertThat(unknown.err()).isEqualTo("jobs:retry: no failed job no-such-job; see 'jobs:failed'.\n");
			Cli.Result nowhere = jobs("jobs:pause", "nowhere");
			assertThat(nowhere.exit()).isOne();
			assertThat(nowhere.err()).as("the same sentence as without a server")
				.isEqualTo("jobs:pause: No pipeline 'nowhere'; pipelines: fast, jdbc.\n");

			assertThat(jobs("jobs:pause", "jdbc").out()).isEqualTo("Paused: jdbc\n");
			String overRpc = jobs("jobs:list").out();
			assertThat(overRpc).containsPattern("(?m)^jdbc\\s+jdbc\\s+paused$");
			Cli.Result stop = Cli.run("stopserver", "--project-dir=" + project);
			assertThat(stop.exit()).as("%s", stop).isZero();
			assertThat(server.awaitExit(Duration.ofSeconds(30))).as("the server exits").isTrue();

			Cli.Result booted = jobs("jobs:list");
			assertThat(booted.out()).as("booted for itself: the same table, the pause kept in the database")
				.isEqualTo(overRpc);
			assertThat(jobs("jobs:stats").out()).as("without the server its memory pipeline is empty")
				.containsPattern("(?m)^fast\\s+memory\\s+0\\s+0\\s+0\\s+0$");
		}
	}

	/**
	 * Runs a command on the project, failing with what it said unless it succeeded or
	 * refused.
	 */
	private Cli.Result jobs(String... args) {
		String[] withProject = new String[args.length + 1];
		System.arraycopy(args, 0, withProject, 0, args.length);
		withProject[args.length] = "--project-dir=" + project;
		Cli.Result result = Cli.run(withProject);
		assertThat(result.exit()).as("%s", result).isIn(0, 1);
		return result;
	}

	/**
	 * Queues {@code work.note} on the server's default (memory) pipeline over HTTP;
	 * answers the job id.
	 */
	private static String enqueue(int port, String payload) throws Exception {
		String body = "{\"service\":\"work\",\"action\":\"enqueue\",\"job_service\":\"work\",\"job_action\":\"note\","
				+ "\"payload\":" + payload + "}";
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return JSON.readTree(response.body()).path("returnData").path("job_id").asString();
	}

}
