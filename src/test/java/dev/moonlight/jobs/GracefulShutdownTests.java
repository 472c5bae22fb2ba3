package dev.moonlight.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown with jobs in flight (jdbc, one worker): the running job finishes within
 * {@code destroy_timeout}, the unstarted ones stay queued, and the next start runs them.
 */
class GracefulShutdownTests {

	@TempDir
	Path dir;

	@Test
	void aRunningJobFinishesAndUnstartedJobsStayQueuedForTheNextStart() {
		String running;
		String waiting;
		try (RunningApp app = JobsTestApp.builder("jdbc", "jdbc", "unused", 1).projectDir(dir).start()) {
			Jobs jobs = app.bean(Jobs.class);
			running = jobs.push("work", "note", Map.of("key", "slow", "sleep_ms", 1500), JobOptions.defaults());
			await().atMost(Duration.ofSeconds(20)).until(() -> status(app, running).equals("running"));
			waiting = jobs.push("work", "note", Map.of("key", "next"), JobOptions.defaults());
		}
		try (RunningApp again = JobsTestApp.builder("jdbc", "jdbc", "unused", 1)
			.projectDir(dir)
			.property(JobsAutoConfiguration.CONSUME_PROPERTY + "=false")
			.start()) {
			assertThat(status(again, running)).as("finished during shutdown").isEqualTo("done");
			assertThat(status(again, waiting)).as("never started, still queued").isEqualTo("queued");
		}
		try (RunningApp third = JobsTestApp.builder("jdbc", "jdbc", "unused", 1).projectDir(dir).start()) {
			await().atMost(Duration.ofSeconds(20)).until(() -> status(third, waiting).equals("done"));
		}
	}

	private static String status(RunningApp app, String id) {
		return app.bean(JdbcClient.class)
			.sql("SELECT status FROM moonlight_jobs WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

}
