package dev.moonlight.jobs;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testapp.WorkService;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code defer} and jobs with {@code [jobs] ENABLED=false}, over real sockets: deferred
 * work starts after the response, in order, a failing task is logged with the request id
 * and reaches no client; a queued job still answers 202 and then runs once right after
 * the response, and the log says once that the queue is off.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeferAndInlineJobsTests {

	private static RunningApp app;

	private static JobsCalls calls;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings(JobsTestApp.settings(false, "jdbc")).start();
		calls = new JobsCalls(app);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void deferredWorkRunsAfterTheResponseInOrderAndItsFailureReachesNoClient(CapturedOutput output) {
		// The first deferred task waits for the gate, longer than the client waits: an
		// answer comes only because it does not wait for its deferred work.
		WorkService work = app.bean(WorkService.class);
		work.holdDeferred();
		String requestId;
		try {
			requestId = calls.call("{\"service\":\"work\",\"action\":\"defers\"}", "alice", null)
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnData.answered")
				.isEqualTo(true)
				.returnResult()
				.getResponseHeaders()
				.getFirst("X-Request-Id");
			assertThat(notes(requestId)).as("nothing has run before the response").doesNotContain("deferred-slow");
		}
		finally {
			work.releaseDeferred();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(notes(requestId)).containsExactly("deferred-slow", "deferred-after-failure"));
		assertThat(output.getOut()).contains("[" + requestId + "]")
			.containsPattern("\\[" + requestId + "\\] .*Deferred task of work\\.defers \\(deferred\\) failed")
			.contains("deferred failure on purpose");
	}

	@Test
	void withJobsOffAQueuedJobAnswers202AndRunsOnceAfterTheResponse(CapturedOutput output) {
		String first = calls.enqueueNote("alice", "\"key\":\"inline\"", "");
		String second = calls.enqueueNote("alice", "\"key\":\"inline-fails\",\"fail_times\":1", "");
		JsonNode done = calls.awaitStatus(first, "done");
		assertThat(done.path("pipeline").asString()).isEqualTo("inline");
		assertThat(notes(first)).containsExactly("inline");
		JsonNode failed = calls.awaitStatus(second, "failed");
		assertThat(failed.path("attempts").asInt()).as("no queue, so no retries").isEqualTo(1);
		assertThat(output.getOut().split("Jobs are off \\(\\[jobs\\] ENABLED=false\\)", -1))
			.as("the log says once that the queue is off")
			.hasSize(2);
		assertThat(calls.status(first, "alice", null).path("status").asString()).isEqualTo("done");
	}

	@Test
	void dispatchCallsAnotherActionNowAsTheSameCaller() {
		String requestId = calls.call("{\"service\":\"work\",\"action\":\"relay\",\"key\":\"relayed\"}", "carol", null)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Relayed")
			.jsonPath("$.returnData.noted")
			.isEqualTo("relayed")
			.returnResult()
			.getResponseHeaders()
			.getFirst("X-Request-Id");
		assertThat(app.bean(JdbcClient.class)
			.sql("SELECT caller FROM job_notes WHERE job_id = :id")
			.param("id", requestId)
			.query(String.class)
			.list()).as("the nested call ran before the answer, as the caller").containsExactly("carol");
		calls.call("{\"service\":\"work\",\"action\":\"relay\"}", "carol", null)
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.key")
			.isArray();
	}

	private static List<String> notes(String id) {
		try {
			return app.bean(JdbcClient.class)
				.sql("SELECT note_key FROM job_notes WHERE job_id = :id ORDER BY id")
				.param("id", id)
				.query(String.class)
				.list();
		}
		catch (RuntimeException ex) {
			// The table appears with the first note.
			return List.of();
		}
	}

}
