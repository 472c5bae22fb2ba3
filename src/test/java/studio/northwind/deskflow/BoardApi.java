package studio.northwind.deskflow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP envelope calls ({@code POST /api/v1/}) to a DeskFlow on 127.0.0.1, as curl
 * makes them: the other client whose changes the board must show live. It names a port,
 * not an app, so it outlives a server process that restarts on that port.
 */
final class BoardApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI endpoint;

	BoardApi(int port) {
		this.endpoint = URI.create("http://127.0.0.1:" + port + "/api/v1/");
	}

	/** Logs a seeded member in and answers the token. */
	String login(String email) {
		return ok(call(null, Map.of("service", "member", "action", "login", "email", email, "password",
				ShippedConfig.SEED_PASSWORD)))
			.path("token")
			.asString();
	}

	/** Creates a task as the token's member and answers its id. */
	long createTask(String token, Map<String, Object> fields) {
		return ok(call(token, with(Map.of("service", "task", "action", "create"), fields))).path("task")
			.path("id")
			.asLong();
	}

	/** Changes fields of a task as the token's member. */
	void updateTask(String token, long id, Map<String, Object> fields) {
		ok(call(token, with(Map.of("service", "task", "action", "update", "id", id), fields)));
	}

	/** The task's stored status. */
	String status(String token, long id) {
		return ok(call(token, Map.of("service", "task", "action", "get", "id", id))).path("task")
			.path("status")
			.asString();
	}

	/** Creates a project owned by {@code owner} and answers its id. */
	long createProject(String token, String name, String owner) {
		return ok(call(token, Map.of("service", "project", "action", "create", "name", name, "owner", owner)))
			.path("id")
			.asLong();
	}

	void updateProject(String token, long id, Map<String, Object> fields) {
		ok(call(token, with(Map.of("service", "project", "action", "update", "id", id), fields)));
	}

	/** The envelope the call answers, whatever its code. */
	JsonNode call(String token, Map<String, Object> body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return JSON.readTree(this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
		}
		catch (IOException ex) {
			throw new AssertionError("POST " + this.endpoint + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	private static JsonNode ok(JsonNode envelope) {
		assertThat(envelope.path("returnCode").asInt(-1)).as("the envelope %s", envelope).isZero();
		return envelope.path("returnData");
	}

	private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
		Map<String, Object> all = new LinkedHashMap<>(base);
		all.putAll(more);
		return all;
	}

}
