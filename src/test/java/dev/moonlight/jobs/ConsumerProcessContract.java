package dev.moonlight.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testapp.OnceService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testapp.WorkService;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer-only processes ({@code runserver --mode=jobs}) on one database, as real child
 * JVMs: two of them share 1,000 jobs with none done twice; after a SIGKILL mid-run the
 * next process takes the dead one's claims back at once and every job is done soon after,
 * once in effect, with only started runs counted as attempts; on SIGTERM a running job
 * finishes within destroy_timeout or goes back to the queue uncounted, as do the jobs
 * claimed ahead. This process only queues ({@code moonlight.jobs.consume=false}).
 */
abstract class ConsumerProcessContract {

	static final String SETTINGS = JobsTestApp.settings(true, "jdbc");

	/** Four workers per process, a 2 s lease renewed every 666 ms, fast polls. */
	static final String RR_YAML = "jobs:\n  pool:\n    num_workers: 4\n    destroy_timeout: 10s\n  pipelines:\n"
			+ "    jdbc:\n      driver: jdbc\n      config:\n        poll_interval: 100ms\n        lease: 2s\n"
			+ "        prefetch: 8\n";

	/**
	 * A job machine as a user has one: the default 10 s lease, four workers, eight jobs
	 * claimed ahead.
	 */
	static final String KILL_RR_YAML = "jobs:\n  pool:\n    num_workers: 4\n    destroy_timeout: 10s\n  pipelines:\n"
			+ "    jdbc:\n      driver: jdbc\n      config:\n        poll_interval: 100ms\n        prefetch: 8\n";

	/** Two workers, four jobs claimed ahead, a 2 s destroy_timeout. */
	static final String STOP_RR_YAML = "jobs:\n  pool:\n    num_workers: 2\n    destroy_timeout: 2s\n  pipelines:\n"
			+ "    jdbc:\n      driver: jdbc\n      config:\n        poll_interval: 100ms\n        prefetch: 4\n";

	/**
	 * The goal: every acknowledged job done within this of the restart after a
	 * kill -9; asserted from the moment the new process consumes (its boot is the
	 * machine's), measured from its start.
	 */
	static final Duration RECOVERY = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	/** The {@code DATABASE_URL} every process of a test shares. */
	abstract String databaseUrl(Path projectDir);

	@Test
	void twoConsumerProcessesShareAThousandJobsAndNoneRunsTwice() throws Exception {
		try (RunningApp producer = producer(RR_YAML)) {
			JobControl control = producer.bean(JobControl.class);
			control.pause("jdbc");
			Jobs jobs = producer.bean(Jobs.class);
			for (int i = 0; i < 1000; i++) {
				jobs.push("work", "note", Map.of("key", "job-" + i, "sleep_ms", 5), JobOptions.defaults());
			}
			try (ConsumerProcess first = ConsumerProcess.start(dir, databaseUrl(dir), "first");
					ConsumerProcess second = ConsumerProcess.start(dir, databaseUrl(dir), "second")) {
				first.awaitConsuming();
				second.awaitConsuming();
				control.resume("jdbc");
				JdbcClient jdbc = producer.bean(JdbcClient.class);
				await().atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofMillis(250))
					.untilAsserted(
							() -> assertThat(jdbc.sql("SELECT COUNT(*) FROM moonlight_jobs WHERE status = 'done'")
								.query(Long.class)
								.single()).isEqualTo(1000L));
				assertThat(jdbc.sql("SELECT COUNT(*) FROM job_notes").query(Long.class).single())
					.as("every job ran exactly once")
					.isEqualTo(1000L);
				assertThat(jdbc.sql("SELECT COUNT(DISTINCT job_id) FROM job_notes").query(Long.class).single())
					.isEqualTo(1000L);
				List<Long> perProcess = jdbc.sql("SELECT COUNT(*) FROM job_notes GROUP BY pid ORDER BY pid")
					.query(Long.class)
					.list();
				assertThat(perProcess).as("both processes took a share: " + perProcess)
					.hasSize(2)
					.allSatisfy((count) -> assertThat(count).isPositive());
				assertThat(jdbc.sql("SELECT DISTINCT pid FROM job_notes").query(Long.class).list())
					.containsExactlyInAnyOrder(first.pid(), second.pid());
				assertThat(first.terminate()).as("SIGTERM stops a consumer gracefully").isIn(0, 143);
			}
		}
	}

	/**
	 * Issue 13: 30 jobs, the consumer killed mid-run (some done, some running, some
	 * claimed ahead). The next process takes the dead one's claims back as it starts,
	 * without waiting for their lease (unless its boot outlasted the lease, which then
	 * freed them): every job is done within {@link #RECOVERY} of the restart, each has
	 * one effect, and a job the dead process claimed but never started has lost no
	 * attempt.
	 */
	@Test
	void afterAKillEveryJobIsDoneSoonAfterTheRestartOnceInEffectAndOnlyStartedRunsCount() throws Exception {
		try (RunningApp producer = producer(KILL_RR_YAML)) {
			JdbcClient jdbc = producer.bean(JdbcClient.class);
			jdbc.sql(OnceService.EFFECTS_TABLE).update();
			JobControl control = producer.bean(JobControl.class);
			control.pause("jdbc");
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				ids.add(producer.bean(Jobs.class)
					.push("once", "apply", Map.of("key", "job-" + i, "sleep_ms", 400), JobOptions.defaults()));
			}
			try (ConsumerProcess victim = ConsumerProcess.start(dir, databaseUrl(dir), "victim")) {
				victim.awaitConsuming();
				control.resume("jdbc");
				await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, "status = 'done'") >= 6);
				victim.kill();
			}
			// The dead process's claims as it left them (nothing changes them until the
			// next process starts).
			List<String> started = ids(jdbc, "status = 'running' AND started_at IS NOT NULL");
			List<String> claimedAhead = ids(jdbc, "status = 'running' AND started_at IS NULL");
			assertThat(started).as("killed mid-run").isNotEmpty();
			assertThat(claimedAhead).as("with jobs claimed ahead, never started").isNotEmpty();
			long restart = System.nanoTime();
			try (ConsumerProcess rescuer = ConsumerProcess.start(dir, databaseUrl(dir), "rescuer")) {
				// The boot is the JVM's and Spring's, and the machine's load; the bound
				// is on what follows it.
				rescuer.awaitConsuming();
				long consuming = System.nanoTime();
				await().atMost(RECOVERY)
					.pollInterval(Duration.ofMillis(100))
					.until(() -> count(jdbc, "status = 'done'") == ids.size());
				long done = System.nanoTime();
				System.out.printf("kill -9 recovery (%s): all %d jobs done %d ms after the restart, %d ms after the new"
						+ " process began consuming (%d started and %d claimed-ahead jobs of the dead process)%n",
						getClass().getSimpleName(), ids.size(), Duration.ofNanos(done - restart).toMillis(),
						Duration.ofNanos(done - consuming).toMillis(), started.size(), claimedAhead.size());
				// Taken back as a dead process of this machine, or, when the boot
				// outlasted the lease, as expired.
				assertThat(rescuer.output()).contains("are queued again");
			}
			assertThat(jdbc.sql("SELECT job_id FROM job_effects").query(String.class).list())
				.as("one effect per job, however often it ran")
				.containsExactlyInAnyOrderElementsOf(ids);
			for (String id : claimedAhead) {
				assertThat(attempts(jdbc, id)).as("claimed but never started by the dead process: one attempt, its run")
					.isEqualTo(1);
			}
			for (String id : started) {
				assertThat(attempts(jdbc, id)).as("started by the dead process, then by the next").isEqualTo(2);
			}
		}
	}

	/**
	 * SIGTERM with two jobs running and more claimed ahead: the short run finishes, the
	 * one that outlasts destroy_timeout goes back to the queue with its attempt not
	 * counted, and so do the jobs claimed ahead.
	 */
	@Test
	void onSigtermARunningJobFinishesOrGoesBackUncountedAndJobsClaimedAheadGoBack() throws Exception {
		try (RunningApp producer = producer(STOP_RR_YAML)) {
			JdbcClient jdbc = producer.bean(JdbcClient.class);
			JobControl control = producer.bean(JobControl.class);
			control.pause("jdbc");
			Jobs jobs = producer.bean(Jobs.class);
			String slow = jobs.push("work", "note", Map.of("key", "slow", "sleep_ms", 60_000),
					JobOptions.defaults().withPriority(1));
			String quick = jobs.push("work", "note", Map.of("key", "quick", "sleep_ms", 1000),
					JobOptions.defaults().withPriority(2));
			for (int i = 0; i < 6; i++) {
				jobs.push("work", "note", Map.of("key", "later-" + i, "sleep_ms", 1000),
						JobOptions.defaults().withPriority(3));
			}
			List<String> claimedAhead;
			try (ConsumerProcess consumer = ConsumerProcess.start(dir, databaseUrl(dir), "stopping")) {
				consumer.awaitConsuming();
				control.resume("jdbc");
				await().atMost(Duration.ofSeconds(30))
					.until(() -> count(jdbc, "status = 'running' AND started_at IS NOT NULL") == 2
							&& count(jdbc, "status = 'running' AND started_at IS NULL") > 0);
				claimedAhead = ids(jdbc, "status = 'running' AND started_at IS NULL");
				assertThat(consumer.terminate()).as("SIGTERM stops a consumer gracefully").isIn(0, 143);
				assertThat(consumer.output()).contains("still running after destroy_timeout are back in the queue");
			}
			assertThat(count(jdbc, "status = 'running'")).as("nothing left held by the stopped process").isZero();
			assertThat(status(jdbc, quick)).as("finished within destroy_timeout").isEqualTo("done");
			assertThat(status(jdbc, slow)).as("outlasted destroy_timeout: back in the queue").isEqualTo("queued");
			assertThat(attempts(jdbc, slow)).as("its interrupted attempt not counted").isZero();
			assertThat(jdbc.sql("SELECT status, attempts FROM moonlight_jobs").query().listOfRows())
				.as("every job done once or queued as if never taken")
				.allSatisfy((row) -> assertThat(row.get("status") + "/" + ((Number) row.get("attempts")).intValue())
					.isIn("done/1", "queued/0"));
			assertThat(claimedAhead).as("jobs claimed ahead went back (or, started since, finished)")
				.anySatisfy((id) -> assertThat(status(jdbc, id)).isEqualTo("queued"));
		}
	}

	private RunningApp producer(String rrYaml) throws Exception {
		Files.createDirectories(dir.resolve("storage/data"));
		RunningApp app = RunningApp.of(TestApplication.class)
			.projectDir(dir)
			.settings(SETTINGS)
			.rrYaml(rrYaml)
			.property("DATABASE_URL=" + databaseUrl(dir))
			.property(JobsAutoConfiguration.CONSUME_PROPERTY + "=false")
			.start();
		app.bean(JdbcClient.class).sql(WorkService.NOTES_TABLE).update();
		return app;
	}

	private static String status(JdbcClient jdbc, String id) {
		return jdbc.sql("SELECT status FROM moonlight_jobs WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private static int attempts(JdbcClient jdbc, String id) {
		return jdbc.sql("SELECT attempts FROM moonlight_jobs WHERE id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	private static long count(JdbcClient jdbc, String where) {
		return jdbc.sql("SELECT COUNT(*) FROM moonlight_jobs WHERE " + where).query(Long.class).single();
	}

	private static List<String> ids(JdbcClient jdbc, String where) {
		return jdbc.sql("SELECT id FROM moonlight_jobs WHERE " + where).query(String.class).list();
	}

}
