package dev.moonlight.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.tcp.TcpServers;
import dev.moonlight.testapp.LedgerService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.MutableClock;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency keys over the wire, on H2: a keyed write runs once and its retry gets the
 * stored answer, marked; keys are scoped to the caller and checked against the request; a
 * retry while the first call runs waits for it, or gets 409 after {@code WAIT}; answers
 * expire; the envelope field works on the WebSocket and TCP.
 */
class IdempotencyTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MutableClock clock = new MutableClock(Instant.now());

	private static RunningApp app;

	private static LedgerService ledger;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.initializer(
					(context) -> ((GenericApplicationContext) context).registerBean(java.time.Clock.class, () -> clock))
			.settings("[app_authentications]\nheader = dev.moonlight.testapp.HeaderCallerBackend\n\n"
					+ "[realtime]\nENABLED = true\n\n[idempotency]\nTTL = 1h\nWAIT = 5s\n")
			.rrYaml("tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n")
			.start();
		app.bean(JdbcClient.class).sql(LedgerService.TABLE).update();
		ledger = app.bean(LedgerService.class);
	}

	@AfterAll
	static void stop() {
		ledger.openGate();
		app.close();
	}

	@BeforeEach
	void realTime() {
		clock.set(Instant.now());
		ledger.openGate();
	}

	record Answer(int status, String replayed, String retryAfter, JsonNode body) {

		int code() {
			return body.path("returnCode").asInt();
		}

		String message() {
			return body.path("returnMessage").asString();
		}

		boolean markedReplayed() {
			return body.path("extraData").path(IdempotencyKeys.REPLAYED_FIELD).asBoolean(false);
		}

	}

	private static Answer post(String caller, String key, String body) {
		WebTestClient.RequestBodySpec request = app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON);
		if (caller != null) {
			request.header("X-Caller", caller);
		}
		if (key != null) {
			request.header(IdempotencyKeys.HEADER, key);
		}
		EntityExchangeResult<String> result = request.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
		return new Answer(result.getStatus().value(),
				result.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER),
				result.getResponseHeaders().getFirst("Retry-After"), JSON.readTree(result.getResponseBody()));
	}

	private static String add(String entry, String more) {
		return "{\"service\":\"ledger\",\"action\":\"add\",\"entry\":\"" + entry + "\"" + more + "}";
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	@Test
	void aKeyedWriteRunsOnceAndItsRetryGetsTheStoredAnswerMarkedAsReplayed() {
		String entry = unique("once");
		String key = UUID.randomUUID().toString();
		int runs = ledger.runs();
		Answer first = post("alice", key, add(entry, ""));
		Answer retry = post("alice", key, add(entry, ""));
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.replayed()).isNull();
		assertThat(first.markedReplayed()).isFalse();
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.replayed()).isEqualTo("true");
		assertThat(retry.markedReplayed()).isTrue();
		assertThat(retry.message()).isEqualTo("Added");
		assertThat(retry.body().get("returnData")).isEqualTo(first.body().get("returnData"));
		assertThat(ledger.rows(entry)).isEqualTo(1);
		assertThat(ledger.runs() - runs).as("the retry did not run the action").isEqualTo(1);
		Answer unkeyed = post("alice", null, add(entry, ""));
		assertThat(unkeyed.body().at("/returnData/rows").asInt()).as("without a key every call runs").isEqualTo(2);
	}

	@Test
	void theSameKeyWithAnotherRequestIsRefusedWith422() {
		String key = UUID.randomUUID().toString();
		String entry = unique("body");
		post("alice", key, add(entry, ",\"status\":201"));
		Answer reordered = post("alice", key,
				"{\"status\":201,\"entry\":\"" + entry + "\",\"action\":\"add\",\"service\":\"ledger\"}");
		assertThat(reordered.status()).as("the order of the fields does not matter").isEqualTo(201);
		assertThat(reordered.replayed()).isEqualTo("true");
		Answer other = post("alice", key, add(entry + "-other", ""));
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.message()).isEqualTo("This Idempotency-Key was used with a different request to ledger.add;"
				+ " a new request needs a new key.");
		assertThat(ledger.rows(entry + "-other")).isZero();
	}

	@Test
	void keysBelongToTheirCallerSoAnotherCallerWithTheSameKeyRunsSeparately() {
		String key = UUID.randomUUID().toString();
		String entry = unique("scoped");
		Answer alice = post("alice", key, add(entry, ""));
		Answer bob = post("bob", key, add(entry, ""));
		assertThat(bob.replayed()).isNull();
		assertThat(alice.body().at("/returnData/rows").asInt()).isEqualTo(1);
		assertThat(bob.body().at("/returnData/rows").asInt()).as("bob's call ran, it read no one's answer")
			.isEqualTo(2);
		assertThat(post("bob", key, add(entry, "")).replayed()).isEqualTo("true");
	}

	@Test
	void anAnonymousCallWithAKeyIsRefusedAndRunsNot() {
		String entry = unique("anonymous");
		int runs = ledger.runs();
		Answer anonymous = post(null, UUID.randomUUID().toString(), add(entry, ""));
		assertThat(anonymous.status()).isEqualTo(400);
		assertThat(anonymous.message())
			.isEqualTo("An Idempotency-Key belongs to a logged-in caller; ledger.add was called anonymously.");
		assertThat(ledger.runs()).isEqualTo(runs);
		assertThat(ledger.rows(entry)).isZero();
	}

	@Test
	void aKeyedCallThatUploadsFilesIsRefusedWith400() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("service", "notes");
		parts.part("action", "upload");
		parts.part("attachment", new ByteArrayResource("hello".getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "notes.txt";
			}
		}).contentType(MediaType.APPLICATION_OCTET_STREAM);
		JsonNode answer = JSON.readTree(app.client()
			.post()
			.uri("/api/v1/")
			.header("X-Caller", "alice")
			.header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus()
			.isEqualTo(400)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		assertThat(answer.path("returnMessage").asString())
			.isEqualTo("A call that uploads files takes no Idempotency-Key; send it without one.");
	}

	@Test
	void aRetryDifferingOnlyInASecretFieldIsTheSameRequestAndNoSecretDigestIsStored() {
		String entry = unique("secret");
		String key = UUID.randomUUID().toString();
		Answer first = post("alice", key, add(entry, ",\"password\":\"hunter2\""));
		Answer retry = post("alice", key, add(entry, ",\"password\":\"other\""));
		assertThat(first.status()).isEqualTo(200);
		assertThat(retry.replayed()).as("the secret is not part of the request check").isEqualTo("true");
		assertThat(ledger.rows(entry)).isEqualTo(1);
	}

	@Test
	void malformedKeysAndKeysOnStreamsAreRefusedWith400() {
		Answer shortKey = post("alice", "abc", add(unique("bad"), ""));
		assertThat(shortKey.status()).isEqualTo(400);
		assertThat(shortKey.message()).isEqualTo("The header Idempotency-Key must be 8 to 128 characters long, not 3.");
		Answer spaces = post("alice", "has spaces in it", add(unique("bad"), ""));
		assertThat(spaces.message()).isEqualTo("The header Idempotency-Key may hold only letters, digits"
				+ " and - _ . : + / = (a UUID, a ULID or base64).");
		assertThat(post("alice", "k".repeat(129), add(unique("bad"), "")).status()).isEqualTo(400);
		Answer mismatch = post("alice", UUID.randomUUID().toString(),
				add(unique("bad"), ",\"idempotency_key\":\"" + UUID.randomUUID() + "\""));
		assertThat(mismatch.message()).isEqualTo(
				"The header Idempotency-Key and the field idempotency_key name different keys; send one, or the same in both.");
		Answer numeric = post("alice", null, add(unique("bad"), ",\"idempotency_key\":12345678"));
		assertThat(numeric.message()).isEqualTo("The field idempotency_key must be a string.");
		Answer stream = post("alice", UUID.randomUUID().toString(), "{\"service\":\"stream\",\"action\":\"reactive\"}");
		assertThat(stream.status()).isEqualTo(400);
		assertThat(stream.message()).isEqualTo(
				"stream.reactive streams or is reactive and takes no Idempotency-Key; only blocking actions do.");
	}

	@Test
	void aFailedCallKeepsNeitherItsWritesNorItsKeyAndARetryableAnswerIsNotStored() {
		String key = UUID.randomUUID().toString();
		String entry = unique("failed");
		int runs = ledger.runs();
		Answer failed = post("alice", key, add(entry, ",\"fail\":true"));
		assertThat(failed.status()).isEqualTo(500);
		assertThat(ledger.rows(entry)).as("the action's insert rolled back with the key").isZero();
		assertThat(post("alice", key, add(entry, ",\"fail\":true")).replayed()).isNull();
		assertThat(ledger.runs() - runs).as("the retry of a failure runs again").isEqualTo(2);
		String busyKey = UUID.randomUUID().toString();
		String busy = unique("busy");
		Answer unavailable = post("alice", busyKey, add(busy, ",\"status\":503"));
		Answer again = post("alice", busyKey, add(busy, ",\"status\":503"));
		assertThat(unavailable.status()).isEqualTo(503);
		assertThat(again.replayed()).as("a 503 answer is not kept: the client may retry").isNull();
		assertThat(ledger.rows(busy)).as("a retryable answer rolls its writes back: nothing happened").isZero();
		assertThat(post("alice", busyKey, add(busy, "")).status()).isEqualTo(200);
		assertThat(ledger.rows(busy)).as("the retry that succeeds writes once").isEqualTo(1);
	}

	@Test
	void aRetryWhileTheFirstCallRunsWaitsForItAndGetsItsAnswer() throws Exception {
		String key = UUID.randomUUID().toString();
		String entry = unique("waits");
		BoundedWorkerPool pool = app.bean(BoundedWorkerPool.class);
		int busyBefore = pool.stats().busy();
		ledger.closeGate();
		CompletableFuture<Answer> first = CompletableFuture
			.supplyAsync(() -> post("alice", key, add(entry, ",\"hold\":true")));
		await("the first call holds").atMost(Duration.ofSeconds(10)).until(() -> ledger.holding() == 1);
		CompletableFuture<Answer> retry = CompletableFuture
			.supplyAsync(() -> post("alice", key, add(entry, ",\"hold\":true")));
		await("the retry waits on a worker").atMost(Duration.ofSeconds(10))
			.until(() -> pool.stats().busy() == busyBefore + 2);
		assertThat(retry).isNotDone();
		ledger.openGate();
		Answer done = first.get(10, TimeUnit.SECONDS);
		Answer replayed = retry.get(10, TimeUnit.SECONDS);
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.replayed()).isEqualTo("true");
		assertThat(replayed.body().get("returnData")).isEqualTo(done.body().get("returnData"));
		assertThat(ledger.rows(entry)).isEqualTo(1);
	}

	@Test
	void aRetryThatOutwaitsWaitGets409AndLaterTheStoredAnswer() throws Exception {
		String key = UUID.randomUUID().toString();
		String entry = unique("conflict");
		ledger.closeGate();
		CompletableFuture<Answer> first = CompletableFuture
			.supplyAsync(() -> post("alice", key, add(entry, ",\"hold\":true")));
		await("the first call holds").atMost(Duration.ofSeconds(10)).until(() -> ledger.holding() == 1);
		long started = System.nanoTime();
		Answer conflict = post("alice", key, add(entry, ",\"hold\":true"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("WAIT = 5s")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(5));
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.retryAfter()).isEqualTo("1");
		assertThat(conflict.message()).isEqualTo("A call to ledger.add with this Idempotency-Key is still running;"
				+ " send it again once that call has answered.");
		ledger.openGate();
		assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(post("alice", key, add(entry, ",\"hold\":true")).replayed()).isEqualTo("true");
		assertThat(ledger.rows(entry)).isEqualTo(1);
	}

	@Test
	void anAnswerTooLargeToKeepIsReplayedAsA409SayingTheCallCompleted() {
		String entry = unique("large");
		String key = UUID.randomUUID().toString();
		String body = add(entry, ",\"pad\":" + IdempotentCalls.MAX_STORED_BYTES);
		Answer first = post("alice", key, body);
		Answer retry = post("alice", key, body);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body().at("/returnData/pad").asString()).hasSize(IdempotentCalls.MAX_STORED_BYTES);
		assertThat(retry.status()).isEqualTo(409);
		assertThat(retry.replayed()).isEqualTo("true");
		assertThat(retry.message())
			.startsWith("A call to ledger.add with this Idempotency-Key completed, but its" + " answer (")
			.endsWith(" bytes) was too large to keep; read the result another way, or send a new call with a new key.");
		assertThat(ledger.rows(entry)).as("the call ran once").isEqualTo(1);
		String small = unique("small");
		String smallKey = UUID.randomUUID().toString();
		post("alice", smallKey, add(small, ",\"pad\":1000"));
		assertThat(post("alice", smallKey, add(small, ",\"pad\":1000")).status())
			.as("an answer under the cap is kept whole")
			.isEqualTo(200);
	}

	/**
	 * With one authentication backend a key's row is the one versions that named no
	 * backend wrote, so a retry that crosses an upgrade finds it.
	 */
	@Test
	void withOneBackendAKeysRowIsTheOneEarlierVersionsWrote() throws Exception {
		String key = unique("upgrade");
		assertThat(post("alice", key, add(unique("entry"), "")).status()).isEqualTo(200);
		byte[] digest = MessageDigest.getInstance("SHA-256")
			.digest(("id:alice\nv1 ledger.add\n" + key).getBytes(StandardCharsets.UTF_8));
		assertThat(app.bean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM moonlight_idempotency WHERE id = :id")
			.param("id", HexFormat.of().formatHex(digest))
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void oneRunOfThePurgeDeletesABacklogOfManyFullBatches() {
		JdbcClient jdbc = app.bean(JdbcClient.class);
		int backlog = 12 * IdempotencyPurge.BATCH + 7;
		jdbc.sql("INSERT INTO moonlight_idempotency (id, action, request_hash, created_at, expires_at)"
				+ " SELECT CONCAT('backlog-', \"X\"), 'v1 ledger.add', 'h', :past, :past FROM SYSTEM_RANGE(1, :backlog)")
			.param("past", OffsetDateTime.parse("2000-01-01T00:00:00Z"))
			.param("backlog", backlog)
			.update();
		assertThat(app.bean(IdempotencyPurge.class).purge()).as("more than the ten batches a run once had")
			.isGreaterThanOrEqualTo(backlog);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM moonlight_idempotency WHERE id LIKE 'backlog-%'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAnswerIsReplayedForItsTtlThenTheKeyRunsAgainAndThePurgeDeletesExpiredRows() {
		String key = UUID.randomUUID().toString();
		String entry = unique("expiry");
		post("alice", key, add(entry, ""));
		clock.advance(Duration.ofMinutes(59));
		assertThat(post("alice", key, add(entry, "")).replayed()).isEqualTo("true");
		clock.advance(Duration.ofMinutes(1));
		Answer expired = post("alice", key, add(entry, ""));
		assertThat(expired.replayed()).as("TTL = 1h has passed").isNull();
		assertThat(expired.body().at("/returnData/rows").asInt()).isEqualTo(2);
		clock.advance(Duration.ofHours(2));
		assertThat(app.bean(IdempotencyPurge.class).purge()).isPositive();
		assertThat(app.bean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM moonlight_idempotency WHERE expires_at <= CURRENT_TIMESTAMP + INTERVAL '2' HOUR")
			.query(Long.class)
			.single()).as("every row has expired by the moved clock, and is gone").isZero();
	}

	@Test
	void theEnvelopeFieldCarriesTheKeyOnTheWebSocketAndOnTcpLines() {
		String entry = unique("field");
		String body = add(entry, ",\"idempotency_key\":\"" + UUID.randomUUID() + "\"");
		try (WsClient socket = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws",
				Map.of("X-Caller", "carol"));
				LineClient line = LineClient.connect(app.bean(TcpServers.class).port("lines"), "\n")) {
			JsonNode login = JSON.readTree(line.write("{\"auth\":\"as:carol\"}\n").readLine());
			assertThat(login.path("returnCode").asInt()).as(login.toString()).isZero();
			JsonNode ws = socket.send("{\"id\":7," + body.substring(1)).nextJson();
			JsonNode wsAgain = socket.send("{\"id\":8," + body.substring(1)).nextJson();
			JsonNode tcp = JSON.readTree(line.write(body + "\n").readLine());
			assertThat(ws.path("returnCode").asInt()).isZero();
			assertThat(ws.path("extraData").path(IdempotencyKeys.REPLAYED_FIELD).asBoolean(false)).isFalse();
			assertThat(wsAgain.path("extraData").path(IdempotencyKeys.REPLAYED_FIELD).asBoolean()).isTrue();
			assertThat(wsAgain.path("id").asInt()).isEqualTo(8);
			assertThat(tcp.path("extraData").path(IdempotencyKeys.REPLAYED_FIELD).asBoolean())
				.as("the same caller on another transport gets the same answer")
				.isTrue();
			assertThat(tcp.get("returnData")).isEqualTo(ws.get("returnData"));
		}
		assertThat(ledger.rows(entry)).isEqualTo(1);
	}

}
