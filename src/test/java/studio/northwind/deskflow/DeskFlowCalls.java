package studio.northwind.deskflow;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testing.RunningApp;

/**
 * Envelope calls against a running DeskFlow, anonymous or with a bearer token from
 * {@code member.login}.
 */
final class DeskFlowCalls {

	static final String ALEX = "alex@northwind.studio";

	static final String JAMIE = "jamie@northwind.studio";

	private final RunningApp app;

	DeskFlowCalls(RunningApp app) {
		this.app = app;
	}

	WebTestClient.ResponseSpec call(String json) {
		return call(json, null);
	}

	/**
	 * {@code POST /api/v1/} with the JSON body, and {@code Authorization: Bearer <token>}
	 * unless it is null.
	 */
	WebTestClient.ResponseSpec call(String json, String token) {
		WebTestClient.RequestBodySpec request = app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.bodyValue(json).exchange();
	}

	/** The body of a call, as text. */
	String body(String json, String token) {
		return call(json, token).expectBody(String.class).returnResult().getResponseBody();
	}

	/** Logs in and answers the token; fails the test unless the login succeeds. */
	String login(String email, String password) {
		AtomicReference<String> token = new AtomicReference<>();
		call("{\"service\":\"member\",\"action\":\"login\",\"email\":\"" + email + "\",\"password\":\"" + password
				+ "\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Logged in")
			.jsonPath("$.returnData.token")
			.value((String value) -> token.set(value));
		return token.get();
	}

	String alex() {
		return login(ALEX, ShippedConfig.SEED_PASSWORD);
	}

	String jamie() {
		return login(JAMIE, ShippedConfig.SEED_PASSWORD);
	}

	/** Creates a task as the token's member and answers its id. */
	int createTask(String token, String fields) {
		return id(call("{\"service\":\"task\",\"action\":\"create\"," + fields + "}", token), "$.returnData.task.id");
	}

	/** Creates a project as the token's member and answers its id. */
	int createProject(String token, String name) {
		return id(call("{\"service\":\"project\",\"action\":\"create\",\"name\":\"" + name + "\"}", token),
				"$.returnData.id");
	}

	/**
	 * Assigns a fresh task to Jamie as the token's member and answers the id of the mail
	 * job it queued.
	 */
	String assignJob(String token) {
		int task = createTask(token, "\"title\":\"Mail check\"");
		AtomicReference<String> job = new AtomicReference<>();
		call("{\"service\":\"task\",\"action\":\"assign\",\"id\":" + task + ",\"assignee\":\"" + JAMIE + "\"}", token)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.job_id")
			.value((String value) -> job.set(value));
		return job.get();
	}

	private static int id(WebTestClient.ResponseSpec response, String path) {
		AtomicInteger id = new AtomicInteger();
		response.expectStatus().isOk().expectBody().jsonPath(path).value((Integer value) -> id.set(value));
		return id.get();
	}

}
