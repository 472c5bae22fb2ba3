package dev.moonlight.jobs;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipelines of one process share its job workers: a backlog on one does not hold back the
 * others' jobs.
 */
class SharedWorkersTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings(JobsTestApp.settings(true, "bulk")).rrYaml("""
				jobs:
				  pool:
				    num_workers: 1
				    destroy_timeout: 5s
				  pipelines:
				    bulk:
				      driver: memory
				      config:
				        poll_interval: 100ms
				    urgent:
				      driver: memory
				      config:
				        poll_interval: 100ms
				""").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void aJobOnAQuietPipelineRunsBeforeAnotherPipelinesBacklogIsDone() {
		JobsCalls calls = new JobsCalls(app);
		JobControl control = app.bean(JobControl.class);
		// Both paused while the backlog is queued, so that both start from a full queue
		// at the same moment.
		control.pause("bulk");
		control.pause("urgent");
		List<String> backlog = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			backlog.add(calls.enqueueNote("alice", "\"key\":\"bulk-" + i + "\",\"sleep_ms\":20", ""));
		}
		String urgent = calls.enqueueNote("alice", "\"key\":\"urgent\"", "\"pipeline\":\"urgent\"");
		control.resume("bulk");
		control.resume("urgent");
		calls.awaitStatus(urgent, "done");
		backlog.forEach((id) -> calls.awaitStatus(id, "done"));
		List<String> runOrder = app.bean(JdbcClient.class)
			.sql("SELECT note_key FROM job_notes ORDER BY id")
			.query(String.class)
			.list();
		assertThat(runOrder).hasSize(41);
		assertThat(runOrder.indexOf("urgent")).as("the urgent job's place among the 41 runs, queued last")
			.isLessThan(5);
	}

}
