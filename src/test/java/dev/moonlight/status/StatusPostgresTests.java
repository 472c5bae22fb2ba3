package dev.moonlight.status;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /ready} turns 503 when the database stops taking connections, with no call
 * needed to notice, while {@code /health} stays 200.
 */
@Tag("postgres")
class StatusPostgresTests {

	@Test
	void notReadyWhenTheDatabaseIsGone() {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_status");
				RunningApp app = RunningApp.of(TestApplication.class)
					.dotEnv("DATABASE_URL=" + database.databaseUrl() + "\n")
					.start()) {
			app.client().get().uri("/ready").exchange().expectStatus().isOk();
			database.refuseConnections();
			// The database probe notices within about a second, without a call to fail
			// first.
			await().atMost(Duration.ofSeconds(5))
				.until(() -> app.client()
					.get()
					.uri("/ready")
					.exchange()
					.expectBody()
					.returnResult()
					.getStatus()
					.value() == 503);
			app.client()
				.get()
				.uri("/ready")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.checks.database")
				.value((String check) -> assertThat(check).as("the driver's reason stays in the log; /ready is public")
					.isEqualTo("the database is unavailable"));
			app.client().get().uri("/health").exchange().expectStatus().isOk();
		}
	}

}
