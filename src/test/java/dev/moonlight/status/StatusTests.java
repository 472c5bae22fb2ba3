package dev.moonlight.status;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.awaitility.Awaitility.await;

/** {@code /health} and {@code /ready} over the wire. */
class StatusTests {

	@Test
	void healthyAndReadyWhenAWorkerIsFreeAndTheDatabaseAnswers() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			app.client().get().uri("/health").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.status").isEqualTo("up");
			app.client().get().uri("/ready").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.status").isEqualTo("ready")
				.jsonPath("$.checks.workers").isEqualTo("ok")
				.jsonPath("$.checks.database").isEqualTo("ok")
				.jsonPath("$.checks.maintenance").isEqualTo("ok")
				.jsonPath("$.checks.draining").isEqualTo("ok");
		}
	}

	@Test
	void notReadyWhileEveryWorkerIsBusyButStillHealthy() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  pool:\n    num_workers: 1\n").start()) {
			CompletableFuture<?> busy = CompletableFuture.runAsync(() -> app.client().post().uri("/api/v1/")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":2000}").exchange().expectStatus().isOk());
			await().atMost(Duration.ofSeconds(2)).until(() -> app.client().get().uri("/ready").exchange()
				.returnResult(String.class).getStatus().value() == 503);
			app.client().get().uri("/ready").exchange().expectBody()
				.jsonPath("$.checks.workers").isEqualTo("all 1 workers are busy, 0 calls wait");
			app.client().get().uri("/health").exchange().expectStatus().isOk();
			busy.join();
			app.client().get().uri("/ready").exchange().expectStatus().isOk();
		}
	}

}
