package dev.moonlight.idempotency;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.testapp.LedgerService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency keys across two instances of one application on one PostgreSQL database
 * (the machine's, a scratch database dropped afterwards): a retry on instance B of a call
 * made on A gets A's answer; a retry on B while A's call runs waits on the key's row
 * (PostgreSQL's lock, bounded by {@code WAIT}) and gets the answer once A commits.
 */
@Tag("postgres")
class IdempotencyPostgresTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ScratchPostgres database;

	private static RunningApp a;

	private static RunningApp b;

	@BeforeAll
	static void start() {
		database = ScratchPostgres.create("idempotency_test");
		a = instance();
		a.bean(JdbcClient.class).sql(LedgerService.TABLE).update();
		b = instance();
	}

	private static RunningApp instance() {
		return RunningApp.of(TestApplication.class)
			.settings("[app_authentications]\nheader = dev.moonlight.testapp.HeaderCallerBackend\n\n"
					+ "[idempotency]\nWAIT = 5s\n")
			.property("DATABASE_URL=" + database.databaseUrl())
			.start();
	}

	@AfterAll
	static void stop() {
		for (RunningApp app : new RunningApp[] { a, b }) {
			if (app != null) {
				app.bean(LedgerService.class).openGate();
				app.close();
			}
		}
		database.close();
	}

	@BeforeEach
	void openGates() {
		a.bean(LedgerService.class).openGate();
	}

	private static EntityExchangeResult<String> post(RunningApp app, String key, String body) {
		return app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Caller", "alice")
			.header(IdempotencyKeys.HEADER, key)
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	private static JsonNode json(EntityExchangeResult<String> result) {
		return JSON.readTree(result.getResponseBody());
	}

	private static String add(String entry, String more) {
		return "{\"service\":\"ledger\",\"action\":\"add\",\"entry\":\"" + entry + "\"" + more + "}";
	}

	@Test
	void aRetryOnAnotherInstanceGetsTheAnswerOfTheCallMadeOnTheFirst() {
		String key = UUID.randomUUID().toString();
		String entry = "across-" + key;
		EntityExchangeResult<String> onA = post(a, key, add(entry, ""));
		EntityExchangeResult<String> onB = post(b, key, add(entry, ""));
		assertThat(onA.getStatus().value()).isEqualTo(200);
		assertThat(onB.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(json(onB).get("returnData")).isEqualTo(json(onA).get("returnData"));
		assertThat(a.bean(LedgerService.class).rows(entry)).isEqualTo(1);
		EntityExchangeResult<String> otherBody = post(b, key, add(entry + "-changed", ""));
		assertThat(otherBody.getStatus().value()).isEqualTo(422);
	}

	@Test
	void aRetryOnAnotherInstanceWhileTheCallRunsWaitsForItsCommit() throws Exception {
		String key = UUID.randomUUID().toString();
		String entry = "waiting-" + key;
		LedgerService ledgerA = a.bean(LedgerService.class);
		BoundedWorkerPool poolB = b.bean(BoundedWorkerPool.class);
		int busyB = poolB.stats().busy();
		ledgerA.closeGate();
		CompletableFuture<EntityExchangeResult<String>> first = CompletableFuture
			.supplyAsync(() -> post(a, key, add(entry, ",\"hold\":true")));
		await("A's call holds its transaction").atMost(Duration.ofSeconds(10)).until(() -> ledgerA.holding() == 1);
		CompletableFuture<EntityExchangeResult<String>> retry = CompletableFuture
			.supplyAsync(() -> post(b, key, add(entry, ",\"hold\":true")));
		await("B's retry waits on the key's row").atMost(Duration.ofSeconds(10))
			.until(() -> poolB.stats().busy() == busyB + 1 && waitingOnALock());
		assertThat(retry).isNotDone();
		ledgerA.openGate();
		EntityExchangeResult<String> done = first.get(10, TimeUnit.SECONDS);
		EntityExchangeResult<String> replayed = retry.get(10, TimeUnit.SECONDS);
		assertThat(replayed.getStatus().value()).isEqualTo(200);
		assertThat(replayed.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(json(replayed).get("returnData")).isEqualTo(json(done).get("returnData"));
		assertThat(b.bean(LedgerService.class).runs()).as("B never ran the action").isZero();
		assertThat(ledgerA.rows(entry)).isEqualTo(1);
	}

	@Test
	void aRetryThatOutwaitsWaitOnAnotherInstanceGets409() throws Exception {
		String key = UUID.randomUUID().toString();
		String entry = "busy-" + key;
		LedgerService ledgerA = a.bean(LedgerService.class);
		ledgerA.closeGate();
		CompletableFuture<EntityExchangeResult<String>> first = CompletableFuture
			.supplyAsync(() -> post(a, key, add(entry, ",\"hold\":true")));
		await("A's call holds its transaction").atMost(Duration.ofSeconds(10)).until(() -> ledgerA.holding() == 1);
		EntityExchangeResult<String> conflict = post(b, key, add(entry, ",\"hold\":true"));
		assertThat(conflict.getStatus().value()).isEqualTo(409);
		assertThat(conflict.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
		ledgerA.openGate();
		assertThat(first.get(10, TimeUnit.SECONDS).getStatus().value()).isEqualTo(200);
		assertThat(post(b, key, add(entry, ",\"hold\":true")).getResponseHeaders()
			.getFirst(IdempotencyKeys.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(ledgerA.rows(entry)).isEqualTo(1);
	}

	/** Whether a session of the scratch database waits for a lock (B's insert). */
	private static boolean waitingOnALock() {
		return a.bean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
			.query(Long.class)
			.single() > 0;
	}

	@Test
	void bothInstancesPurgingAtOnceDeleteABacklogOfFullBatchesOnce() throws Exception {
		JdbcClient jdbc = a.bean(JdbcClient.class);
		int backlog = 3 * IdempotencyPurge.BATCH + 7;
		jdbc.sql("INSERT INTO moonlight_idempotency (id, action, request_hash, created_at, expires_at)"
				+ " SELECT 'backlog-' || n, 'v1 ledger.add', 'h', :past, :past FROM generate_series(1, :backlog) AS n")
			.param("past", OffsetDateTime.parse("2000-01-01T00:00:00Z"))
			.param("backlog", backlog)
			.update();
		CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> b.bean(IdempotencyPurge.class).purge());
		int onA = a.bean(IdempotencyPurge.class).purge();
		assertThat(onA + onB.get(30, TimeUnit.SECONDS)).as("locked rows are skipped, not deleted twice")
			.isGreaterThanOrEqualTo(backlog);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM moonlight_idempotency WHERE id LIKE 'backlog-%'")
			.query(Long.class)
			.single()).isZero();
	}

}
