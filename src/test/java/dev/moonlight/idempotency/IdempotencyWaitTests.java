package dev.moonlight.idempotency;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.testapp.LedgerService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On H2, a retry that meets its key held by a running call waits {@code [idempotency]
 * WAIT}, not H2's own lock timeout (2 s): with a WAIT well below it the 409 comes at once
 * after WAIT, and with one well above it the 409 comes after WAIT, not after the next
 * whole lock timeout.
 */
class IdempotencyWaitTests {

	/** One application at a time: two started in one JVM do not both serve. */
	private static RunningApp app(String wait) {
		RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[app_authentications]\nheader = dev.moonlight.testapp.HeaderCallerBackend\n\n"
					+ "[idempotency]\nWAIT = " + wait + "\n")
			.start();
		app.bean(JdbcClient.class).sql(LedgerService.TABLE).update();
		return app;
	}

	/** H2's lock timeout would answer after 2 s; WAIT = 300ms answers well before. */
	@Test
	void aWaitBelowH2sLockTimeoutAnswers409AfterTheWait() throws Exception {
		long elapsed = conflictAfter("300ms");
		assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(300))
			.isLessThan(Duration.ofMillis(1500));
	}

	/**
	 * WAIT = 4.1s: retried lock timeouts of 2 s would answer at about 6 s (2 + 2 + 2, the
	 * third begun before the deadline); one wait of WAIT answers at 4.1 s.
	 */
	@Test
	void aWaitAboveH2sLockTimeoutAnswers409AfterTheWaitNotLater() throws Exception {
		long elapsed = conflictAfter("4100ms");
		assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(4100))
			.isLessThan(Duration.ofMillis(5300));
	}

	/**
	 * Holds a keyed call, sends its retry, and answers how long the retry took to be
	 * answered 409; then lets the first call finish and checks the key ran once.
	 */
	private static long conflictAfter(String wait) throws Exception {
		RunningApp app = app(wait);
		LedgerService ledger = app.bean(LedgerService.class);
		try {
			return conflictAfter(app, ledger);
		}
		finally {
			ledger.openGate();
			app.close();
		}
	}

	private static long conflictAfter(RunningApp app, LedgerService ledger) throws Exception {
		String key = UUID.randomUUID().toString();
		String entry = "wait-" + UUID.randomUUID();
		ledger.closeGate();
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> post(app, key, entry));
		await("the first call holds").atMost(Duration.ofSeconds(10)).until(() -> ledger.holding() == 1);
		long started = System.nanoTime();
		int retry = post(app, key, entry);
		long elapsed = System.nanoTime() - started;
		assertThat(retry).isEqualTo(409);
		ledger.openGate();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
		assertThat(post(app, key, entry)).as("the stored answer").isEqualTo(200);
		assertThat(ledger.rows(entry)).isEqualTo(1);
		return elapsed;
	}

	private static int post(RunningApp app, String key, String entry) {
		EntityExchangeResult<String> result = app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Caller", "alice")
			.header(IdempotencyKeys.HEADER, key)
			.bodyValue("{\"service\":\"ledger\",\"action\":\"add\",\"entry\":\"" + entry + "\",\"hold\":true}")
			.exchange()
			.expectBody(String.class)
			.returnResult();
		return result.getStatus().value();
	}

}
