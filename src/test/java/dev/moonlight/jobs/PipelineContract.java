package dev.moonlight.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testing.MetricLines;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every pipeline promises, over real sockets: 202 with a job id, the job run as its
 * creator, retries with backoff, failed with the last error after MAX_ATTEMPTS (and
 * queued again by a retry), a refused call failing at once, delays, priorities, and
 * jobs.status for the creator and jobs.manage only. Each driver's test supplies the app.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineContract {

	private RunningApp app;

	private JobsCalls calls;

	/**
	 * The app under test: one worker, MAX_ATTEMPTS 3, BACKOFF 100ms, the pipeline
	 * {@link #pipeline()}.
	 */
	abstract RunningApp start();

	abstract String pipeline();

	/** Resources of the driver (a database, a broker queue) to release after the app. */
	void cleanUp() {
	}

	@BeforeAll
	void startApp() {
		app = start();
		calls = new JobsCalls(app);
	}

	@AfterAll
	void stopApp() {
		if (app != null) {
			app.close();
		}
		cleanUp();
	}

	RunningApp app() {
		return app;
	}

	@Test
	void asyncAnswers202WithAJobIdAndRunsTheJobAsItsCreator() {
		String id = calls.enqueueNote("alice", "\"key\":\"hello\"", "");
		JsonNode done = calls.awaitStatus(id, "done");
		assertThat(done.path("attempts").asInt()).isEqualTo(1);
		assertThat(done.path("pipeline").asString()).isEqualTo(pipeline());
		assertThat(done.path("service").asString() + "." + done.path("action").asString()).isEqualTo("work.note");
		assertThat(notes(id)).as("the job ran once, as the caller who queued it").containsExactly("hello by alice");
		assertThat(done.path("finished_at").asString()).isNotEmpty();
		String metrics = MetricLines.withoutInstance(app.text("/metrics"));
		assertThat(metrics).as("runs are timed for /metrics")
			.containsPattern("moonlight_jobs_seconds_count\\{action=\"work.note\",outcome=\"done\",pipeline=\""
					+ pipeline() + "\"");
	}

	@Test
	void aFailingJobIsRetriedWithBackoffUntilItSucceeds() {
		String id = calls.enqueueNote("alice", "\"key\":\"flaky\",\"fail_times\":2", "");
		JsonNode done = calls.awaitStatus(id, "done");
		assertThat(done.path("attempts").asInt()).as("two failures, then success").isEqualTo(3);
		assertThat(done.path("last_error").asString()).contains("planned failure 2");
		Duration waited = Duration.between(Instant.parse(done.path("created_at").asString()),
				Instant.parse(done.path("started_at").asString()));
		assertThat(waited).as("backoff 100ms, then 200ms before the third attempt")
			.isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(notes(id)).containsExactly("flaky by alice");
	}

	@Test
	void aJobThatKeepsFailingIsFailedWithItsLastErrorAndARetryQueuesItAgain() {
		String id = calls.enqueueNote("alice", "\"key\":\"stubborn\",\"fail_times\":4", "");
		JsonNode failed = calls.awaitStatus(id, "failed");
		assertThat(failed.path("attempts").asInt()).as("MAX_ATTEMPTS = 3").isEqualTo(3);
		assertThat(failed.path("last_error").asString())
			.isEqualTo("Unexpected java.lang.IllegalStateException: planned failure 3");
		assertThat(calls.status(id, "alice", null).path("last_error").asString())
			.as("the creator does not see internals")
			.isEqualTo("An unexpected error occurred.");
		JobControl control = app.bean(JobControl.class);
		assertThat(control.failed(100)).extracting(Job::id).contains(id);
		assertThat(control.retry(id)).containsExactly(id);
		JsonNode done = calls.awaitStatus(id, "done");
		assertThat(done.path("attempts").asInt()).as("a retry starts a fresh set of attempts").isEqualTo(2);
		assertThat(control.retry(id)).as("only failed jobs are retried").isEmpty();
	}

	@Test
	void aRefusedCallFailsAtOnceWithoutRetries() {
		String id = calls.enqueueNote("alice", "\"sleep_ms\":1", "");
		JsonNode failed = calls.awaitStatus(id, "failed");
		assertThat(failed.path("attempts").asInt()).as("422 would be refused again").isEqualTo(1);
		assertThat(failed.path("last_error").asString()).startsWith("422 ");
	}

	@Test
	void asyncRefusesAnActionThatDoesNotExist() {
		calls
			.call("{\"service\":\"work\",\"action\":\"enqueue\",\"job_service\":\"work\",\"job_action\":\"nothing\"}",
					"alice", null)
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Action nothingAction not found in the work context");
	}

	@Test
	void statusIsForTheCreatorOrAHolderOfJobsManage() {
		String id = calls.enqueueNote("alice", "\"key\":\"private\"", "");
		calls.awaitStatus(id, "done");
		String body = "{\"service\":\"jobs\",\"action\":\"status\",\"job_id\":\"" + id + "\"}";
		calls.call(body, "alice", null)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.status")
			.isEqualTo("done");
		calls.call(body, "bob", null).expectStatus().isForbidden();
		calls.call(body, "bob", "jobs.manage").expectStatus().isOk();
		calls.call(body, null, null).expectStatus().isUnauthorized();
		calls.call("{\"service\":\"jobs\",\"action\":\"status\",\"job_id\":\"no-such-job\"}", "alice", null)
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Job no-such-job not found");
		calls.call("{\"service\":\"jobs\",\"action\":\"status\"}", "alice", null).expectStatus().isEqualTo(422);
	}

	@Test
	void aDelayedJobWaitsForItsTime() {
		String id = calls.enqueueNote("alice", "\"key\":\"later\"", "\"delay_ms\":1500");
		assertThat(calls.status(id, "alice", null).path("status").asString()).isEqualTo("queued");
		JsonNode done = calls.awaitStatus(id, "done");
		Duration waited = Duration.between(Instant.parse(done.path("created_at").asString()),
				Instant.parse(done.path("started_at").asString()));
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
	}

	@Test
	void waitingJobsRunInPriorityOrderOnceThePipelineResumes() {
		JobControl control = app.bean(JobControl.class);
		assertThat(control.pause(pipeline())).containsExactly(pipeline());
		try {
			assertThat(control.list()).filteredOn((info) -> info.name().equals(pipeline()))
				.singleElement()
				.satisfies((info) -> assertThat(info.paused()).isTrue());
			String low = calls.enqueueNote("alice", "\"key\":\"low\"", "\"priority\":30");
			String high = calls.enqueueNote("alice", "\"key\":\"high\"", "\"priority\":1");
			String middle = calls.enqueueNote("alice", "\"key\":\"middle\"", "\"priority\":15");
			// No wait here for a run that should not come: low was queued first, so had
			// it run during the pause it would lead the run order checked below.
			assertThat(calls.status(low, "alice", null).path("status").asString()).as("paused: taken, not run")
				.isEqualTo("queued");
			control.resume(pipeline());
			calls.awaitStatus(low, "done");
			calls.awaitStatus(high, "done");
			calls.awaitStatus(middle, "done");
			assertThat(keysInRunOrder(List.of(low, high, middle))).containsExactly("high", "middle", "low");
		}
		finally {
			control.resume(pipeline());
		}
	}

	private List<String> notes(String jobId) {
		return app.bean(JdbcClient.class)
			.sql("SELECT note_key, caller FROM job_notes WHERE job_id = :id ORDER BY id")
			.param("id", jobId)
			.query((rs, row) -> rs.getString("note_key") + " by " + rs.getString("caller"))
			.list();
	}

	private List<String> keysInRunOrder(List<String> jobIds) {
		return app.bean(JdbcClient.class)
			.sql("SELECT note_key FROM job_notes WHERE job_id IN (:ids) ORDER BY id")
			.param("ids", jobIds)
			.query(String.class)
			.list();
	}

}
