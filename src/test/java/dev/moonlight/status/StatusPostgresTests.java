package dev.moonlight.status;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;

/** {@code /ready} turns 503 when the machine's PostgreSQL stops answering, while {@code /health} stays 200. */
@Tag("postgres")
class StatusPostgresTests {

	@Test
	void notReadyWhenTheDatabaseIsGone() {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_status");
				RunningApp app = RunningApp.of(TestApplication.class).dotEnv("DATABASE_URL=" + database.databaseUrl() + "\n")
					.start()) {
			app.client().get().uri("/ready").exchange().expectStatus().isOk();
			database.refuseConnections();
			app.client().get().uri("/ready").exchange().expectStatus().isEqualTo(503).expectBody()
				.jsonPath("$.checks.database").value((String check) -> org.assertj.core.api.Assertions.assertThat(check)
					.startsWith("the database"));
			app.client().get().uri("/health").exchange().expectStatus().isOk();
		}
	}

}
