package dev.moonlight.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testapp.WorkService;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer-only processes ({@code runserver --mode=jobs}) on one database, as real child JVMs: two of them share
 * 1,000 jobs with none done twice, and a job whose consumer is killed with SIGKILL mid-run is claimed again once its
 * lease runs out, and done. This process only queues ({@code moonlight.jobs.consume=false}).
 */
abstract class ConsumerProcessContract {

	static final String SETTINGS = JobsTestApp.settings(true, "jdbc");

	/** Four workers per process, a 2 s lease renewed every 666 ms, fast polls. */
	static final String RR_YAML = "jobs:\n  pool:\n    num_workers: 4\n    destroy_timeout: 10s\n  pipelines:\n"
			+ "    jdbc:\n      driver: jdbc\n      config:\n        poll_interval: 100ms\n        visibility_timeout: 2s\n"
			+ "        prefetch: 8\n";

	@TempDir
	Path dir;

	/** The {@code DATABASE_URL} every process of a test shares. */
	abstract String databaseUrl(Path projectDir);

	@Test
	void twoConsumerProcessesShareAThousandJobsAndNoneRunsTwice() throws Exception {
		try (RunningApp producer = producer()) {
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
				await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
						jdbc.sql("SELECT COUNT(*) FROM moonlight_jobs WHERE status = 'done'").query(Long.class).single())
					.isEqualTo(1000L));
				assertThat(jdbc.sql("SELECT COUNT(*) FROM job_notes").query(Long.class).single())
					.as("every job ran exactly once").isEqualTo(1000L);
				assertThat(jdbc.sql("SELECT COUNT(DISTINCT job_id) FROM job_notes").query(Long.class).single()).isEqualTo(1000L);
				List<Long> perProcess = jdbc.sql("SELECT COUNT(*) FROM job_notes GROUP BY pid ORDER BY pid")
					.query(Long.class).list();
				assertThat(perProcess).as("both processes took a share: " + perProcess).hasSize(2)
					.allSatisfy((count) -> assertThat(count).isPositive());
				assertThat(jdbc.sql("SELECT DISTINCT pid FROM job_notes").query(Long.class).list())
					.containsExactlyInAnyOrder(first.pid(), second.pid());
				assertThat(first.terminate()).as("SIGTERM stops a consumer gracefully").isIn(0, 143);
			}
		}
	}

	@Test
	void aJobWhoseConsumerIsKilledMidRunIsClaimedAgainAfterItsLease() throws Exception {
		try (RunningApp producer = producer()) {
			JdbcClient jdbc = producer.bean(JdbcClient.class);
			String id;
			try (ConsumerProcess victim = ConsumerProcess.start(dir, databaseUrl(dir), "victim")) {
				victim.awaitConsuming();
				id = producer.bean(Jobs.class).push("work", "note", Map.of("key", "survivor", "sleep_ms", 4000),
						JobOptions.defaults());
				await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(status(jdbc, id)));
				victim.kill();
			}
			assertThat(status(jdbc, id)).as("still marked running by the dead consumer").isEqualTo("running");
			try (ConsumerProcess rescuer = ConsumerProcess.start(dir, databaseUrl(dir), "rescuer")) {
				rescuer.awaitConsuming();
				await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(status(jdbc, id)));
				Map<String, Object> row = jdbc.sql("SELECT attempts, last_error FROM moonlight_jobs WHERE id = :id")
					.param("id", id).query().singleRow();
				assertThat(((Number) row.get("attempts")).intValue()).as("one run killed, one finished").isEqualTo(2);
				assertThat((String) row.get("last_error")).contains("lease ran out");
				assertThat(jdbc.sql("SELECT pid FROM job_notes WHERE job_id = :id").param("id", id).query(Long.class).list())
					.as("noted once, by the process that finished it").containsExactly(rescuer.pid());
			}
		}
	}

	private RunningApp producer() throws Exception {
		Files.createDirectories(dir.resolve("storage/data"));
		RunningApp app = RunningApp.of(TestApplication.class).projectDir(dir).settings(SETTINGS).rrYaml(RR_YAML)
			.property("DATABASE_URL=" + databaseUrl(dir))
			.property(JobsAutoConfiguration.CONSUME_PROPERTY + "=false")
			.start();
		app.bean(JdbcClient.class).sql(WorkService.NOTES_TABLE).update();
		return app;
	}

	private static String status(JdbcClient jdbc, String id) {
		return jdbc.sql("SELECT status FROM moonlight_jobs WHERE id = :id").param("id", id).query(String.class).single();
	}

}
