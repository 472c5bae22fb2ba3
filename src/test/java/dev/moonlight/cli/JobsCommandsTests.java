package dev.moonlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.jobs.JobOptions;
import dev.moonlight.jobs.Jobs;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code jobs:*} commands in-process against the job store of a stopped server (the
 * jdbc pipeline in its H2 file): with nothing on the admin RPC address they boot for
 * themselves. List, stats, pause and resume, failed, retry by id and all, JSON output,
 * and their refusals. {@code JobsCommandsOverRpcTests} covers a running server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsCommandsTests {

	private static final String SETTINGS = "[jobs]\nENABLED = true\nMAX_ATTEMPTS = 2\nBACKOFF = 50ms\n";

	/**
	 * Nothing listens on the admin RPC address, so the commands boot for themselves (6001
	 * may be someone's).
	 */
	private static final String RR_YAML = Cli.rrYamlWithRpc(Cli.freePort(),
			"jobs:\n  pipelines:\n    jdbc:\n" + "      driver: jdbc\n      config:\n        poll_interval: 100ms\n");

	/**
	 * Static: an instance field would get a fresh folder for every test, even with one
	 * instance per class.
	 */
	@TempDir
	static Path project;

	private String failedId;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private PrintStream originalOut;

	private PrintStream originalErr;

	/** A server that ran one job to the end and failed another, then stopped. */
	@BeforeAll
	void jobsOfAStoppedServer() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.projectDir(project)
			.settings(SETTINGS)
			.rrYaml(RR_YAML)
			.start()) {
			Jobs jobs = app.bean(Jobs.class);
			String done = jobs.push("work", "note", Map.of("key", "fine"), JobOptions.defaults());
			failedId = jobs.push("work", "note", Map.of("key", "broken", "fail_times", 9), JobOptions.defaults());
			await().until(() -> jobs.find(done).orElseThrow().status().wire().equals("done")
					&& jobs.find(failedId).orElseThrow().status().wire().equals("failed"));
		}
	}

	@BeforeEach
	void capture() {
		originalOut = System.out;
		originalErr = System.err;
		out.reset();
		err.reset();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setOut(originalOut);
		System.setErr(originalErr);
	}

	@Test
	void listStatsAndFailedShowTheStoreOfAStoppedServer() {
		assertThat(run("jobs:list")).as("stderr: %s", stderr()).isZero();
		assertThat(stdout()).containsPattern("PIPELINE\\s+DRIVER\\s+STATE").containsPattern("jdbc\\s+jdbc\\s+active");
		assertThat(run("jobs:stats")).isZero();
		assertThat(stdout()).containsPattern("PIPELINE\\s+DRIVER\\s+QUEUED\\s+RUNNING\\s+DONE\\s+FAILED")
			.containsPattern("jdbc\\s+jdbc\\s+0\\s+0\\s+1\\s+1")
			.containsPattern("total\\s+0\\s+0\\s+1\\s+1");
		assertThat(run("jobs:failed")).isZero();
		assertThat(stdout()).contains(failedId)
			.contains("work.note")
			.contains("2/2")
			.contains("Unexpected java.lang.IllegalStateException: planned failure 2");
		assertThat(run("jobs:stats", "--json")).isZero();
		assertThat(stdout()).contains("\"pipeline\" : \"jdbc\"").contains("\"failed\" : 1");
	}

	@Test
	void pauseAndResumeAreSharedThroughTheDatabase() {
		assertThat(run("jobs:pause", "jdbc")).as("stderr: %s", stderr()).isZero();
		assertThat(stdout()).contains("Paused: jdbc");
		assertThat(run("jobs:list")).isZero();
		assertThat(stdout()).containsPattern("jdbc\\s+jdbc\\s+paused");
		assertThat(run("jobs:resume")).isZero();
		assertThat(stdout()).contains("Resumed: jdbc");
		assertThat(run("jobs:pause", "nowhere")).isEqualTo(1);
		assertThat(stderr()).contains("jobs:pause: No pipeline 'nowhere'; pipelines: jdbc.");
	}

	@Test
	void retryQueuesAFailedJobAgainAndRefusesAnUnknownOne() {
		assertThat(run("jobs:retry", "no-such-job")).isEqualTo(1);
		assertThat(stderr()).contains("jobs:retry: no failed job no-such-job; see 'jobs:failed'.");
		assertThat(run("jobs:retry")).as("an id or --all").isEqualTo(2);
		assertThat(run("jobs:retry", failedId)).as("stderr: %s", stderr()).isZero();
		assertThat(stdout()).contains("Queued again: " + failedId);
		assertThat(run("jobs:stats")).isZero();
		assertThat(stdout()).containsPattern("jdbc\\s+jdbc\\s+1\\s+0\\s+1\\s+0");
		assertThat(run("jobs:retry", "--all")).isZero();
		assertThat(stdout()).contains("Queued again: none");
	}

	@Test
	void consumerOnlyModeRefusesToStartWithJobsOff(@TempDir Path off) throws Exception {
		Files.createDirectories(off.resolve("environment"));
		Files.writeString(off.resolve("environment/settings.ini"), "[jobs]\nENABLED = false\n");
		assertThat(run("runserver", "--mode=jobs", "--moonlight.project-dir=" + off)).isEqualTo(1);
		assertThat(stdout() + stderr()).contains("environment/settings.ini:2: [jobs] ENABLED")
			.contains("runserver --mode=jobs works jobs, but jobs are off");
		assertThat(run("runserver", "--mode=sideways")).isEqualTo(2);
		assertThat(stderr()).contains("runserver: unknown mode 'sideways'; use --mode=http or --mode=jobs.");
		assertThat(run("jobs:pause", "--moonlight.project-dir=" + off,
				"--moonlight.rpc.listen=tcp://127.0.0.1:" + Cli.freePort()))
			.isEqualTo(1);
		assertThat(stderr()).contains("Jobs are off ([jobs] ENABLED=false)");
	}

	private int run(String... args) {
		out.reset();
		err.reset();
		String[] withProject = new String[args.length + 1];
		System.arraycopy(args, 0, withProject, 0, args.length);
		withProject[args.length] = "--moonlight.project-dir=" + project;
		boolean own = java.util.Arrays.stream(args).anyMatch((arg) -> arg.startsWith("--moonlight.project-dir="));
		return MoonlightCli.run(TestApplication.class, own ? args : withProject);
	}

	private String stdout() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return err.toString(StandardCharsets.UTF_8);
	}

}
