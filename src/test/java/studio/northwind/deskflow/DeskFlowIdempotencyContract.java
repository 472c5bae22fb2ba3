package studio.northwind.deskflow;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code task.create} with an idempotency key, as a client that retries a write it got no
 * answer for sends it: one task, and the retry's answer is the first one's. The insert
 * goes through the group commit, which joins the key's transaction.
 */
interface DeskFlowIdempotencyContract {

	RunningApp app();

	@Test
	default void aTaskCreatedTwiceWithOneKeyIsOneTaskAndTheRetryGetsTheSameAnswer() {
		DeskFlowCalls calls = new DeskFlowCalls(app());
		String alex = calls.alex();
		String title = "Keyed " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		String body = "{\"service\":\"task\",\"action\":\"create\",\"title\":\"" + title + "\"}";
		EntityExchangeResult<String> first = keyedCreate(body, key, alex);
		EntityExchangeResult<String> retry = keyedCreate(body, key, calls.alex());
		JsonMapper json = JsonMapper.builder().build();
		JsonNode created = json.readTree(first.getResponseBody());
		JsonNode replayed = json.readTree(retry.getResponseBody());
		assertThat(first.getStatus().value()).isEqualTo(200);
		assertThat(created.at("/returnMessage").asString()).isEqualTo("Task created");
		assertThat(retry.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER))
			.as("a new login token is the same caller")
			.isEqualTo("true");
		assertThat(replayed.get("returnData")).isEqualTo(created.get("returnData"));
		assertThat(replayed.at("/extraData/" + IdempotencyKeys.REPLAYED_FIELD).asBoolean()).isTrue();
		assertThat(app().bean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM tasks WHERE title = :title")
			.param("title", title)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private EntityExchangeResult<String> keyedCreate(String body, String key, String token) {
		return app().client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(IdempotencyKeys.HEADER, key)
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

}
