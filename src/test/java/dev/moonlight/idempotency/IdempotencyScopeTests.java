package dev.moonlight.idempotency;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.testapp.LedgerService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key belongs to the caller as its authentication backend knows it: two backends giving
 * the same id ({@code alice}) to different people do not share keys, while the same
 * backend's caller gets the stored answer.
 */
class IdempotencyScopeTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.settings("[app_authentications]\nheader = dev.moonlight.testapp.HeaderCallerBackend\n"
					+ "slow = dev.moonlight.testapp.SlowBearerBackend\n")
			.start();
		app.bean(JdbcClient.class).sql(LedgerService.TABLE).update();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theSameIdFromAnotherBackendIsAnotherCallerWithItsOwnKeys() {
		String key = UUID.randomUUID().toString();
		String entry = "scope-" + UUID.randomUUID();
		assertThat(post("X-Caller", "alice", key, entry)).as("alice of the header backend").isNull();
		assertThat(post("Authorization", "Bearer slow-alice", key, entry)).as("alice of the bearer backend runs")
			.isNull();
		assertThat(app.bean(LedgerService.class).rows(entry)).isEqualTo(2);
		assertThat(post("X-Caller", "alice", key, entry)).as("the header backend's alice again").isEqualTo("true");
		assertThat(post("Authorization", "Bearer slow-alice", key, entry)).as("the bearer backend's alice again")
			.isEqualTo("true");
		assertThat(app.bean(LedgerService.class).rows(entry)).isEqualTo(2);
	}

	/**
	 * A replay skips the action, not its guard: a caller whose permission was taken away
	 * gets 403, not the stored answer.
	 */
	@Test
	void aReplayStillChecksTheActionsGuard() {
		String key = UUID.randomUUID().toString();
		String read = "{\"service\":\"vault\",\"action\":\"read\"}";
		assertThat(send(key, read, "vault.read").getStatus().value()).isEqualTo(200);
		EntityExchangeResult<String> replay = send(key, read, "vault.read");
		assertThat(replay.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(send(key, read, null).getStatus().value()).as("the permission is gone").isEqualTo(403);
	}

	private static EntityExchangeResult<String> send(String key, String body, String permissions) {
		var request = app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Caller", "alice")
			.header(IdempotencyKeys.HEADER, key);
		if (permissions != null) {
			request = request.header("X-Permissions", permissions);
		}
		return request.bodyValue(body).exchange().expectBody(String.class).returnResult();
	}

	/** Posts {@code ledger.add}; answers the replay header (null when the call ran). */
	private static String post(String header, String value, String key, String entry) {
		EntityExchangeResult<String> result = app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header(header, value)
			.header(IdempotencyKeys.HEADER, key)
			.bodyValue("{\"service\":\"ledger\",\"action\":\"add\",\"entry\":\"" + entry + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		return result.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER);
	}

}
