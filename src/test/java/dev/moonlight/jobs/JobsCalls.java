package dev.moonlight.jobs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Calls of the test application's job actions over the wire, as callers of the
 * {@code X-Caller} backend.
 */
final class JobsCalls {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RunningApp app;

	JobsCalls(RunningApp app) {
		this.app = app;
	}

	/**
	 * {@code POST /api/v1/} as {@code caller} (null: anonymous) holding
	 * {@code permissions} (comma-separated).
	 */
	WebTestClient.ResponseSpec call(String json, String caller, String permissions) {
		WebTestClient.RequestBodySpec request = app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON);
		if (caller != null) {
			request = request.header("X-Caller", caller);
		}
		if (permissions != null) {
			request = request.header("X-Permissions", permissions);
		}
		return request.bodyValue(json).exchange();
	}

	/**
	 * Queues {@code work.note} with the payload fields (such as {@code "key":"a"}) and
	 * enqueue options.
	 */
	String enqueueNote(String caller, String payload, String options) {
		return enqueue(caller, "note", payload, options);
	}

	/**
	 * Queues {@code work.<action>} with the payload fields and enqueue options; answers
	 * the 202's job id.
	 */
	String enqueue(String caller, String action, String payload, String options) {
		String body = "{\"service\":\"work\",\"action\":\"enqueue\",\"job_service\":\"work\",\"job_action\":\"" + action
				+ "\",\"payload\":{" + payload + "}" + (options.isEmpty() ? "" : "," + options) + "}";
		AtomicReference<String> id = new AtomicReference<>();
		call(body, caller, null).expectStatus()
			.isEqualTo(202)
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(202)
			.jsonPath("$.returnMessage")
			.isEqualTo("Accepted")
			.jsonPath("$.returnData.job_id")
			.value((String value) -> id.set(value));
		return id.get();
	}

	/** The body of {@code jobs.status} as {@code caller} with {@code permissions}. */
	JsonNode status(String jobId, String caller, String permissions) {
		String body = call("{\"service\":\"jobs\",\"action\":\"status\",\"job_id\":\"" + jobId + "\"}", caller,
				permissions)
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body).path("returnData");
	}

	/**
	 * Waits until the job has {@code status} (as a manager sees it) and answers its last
	 * view.
	 */
	JsonNode awaitStatus(String jobId, String status) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			last.set(status(jobId, "operator", "jobs.manage"));
			org.assertj.core.api.Assertions.assertThat(last.get().path("status").asString())
				.as("job " + jobId)
				.isEqualTo(status);
		});
		return last.get();
	}

}
