package dev.moonlight.rpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.ScratchPostgres;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one PostgreSQL database share one maintenance switch: switched on
 * through instance A's admin RPC, instance B answers 503 within 2 s (with the bypass
 * token B lets a call through), keeps answering 503 after a restart, and serves again
 * within 2 s of A's {@code maintenance.off}. The database keeps the token's digest only.
 */
@Tag("postgres")
class SharedMaintenancePostgresTests {

	private static final Duration SWITCH_WITHIN = Duration.ofSeconds(2);

	@Test
	void oneSwitchThroughInstanceAReachesInstanceBAndSurvivesItsRestart() throws Exception {
		Path dirB = Files.createTempDirectory("moonlight-b-");
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_switch");
				RunningApp a = instance(database, Files.createTempDirectory("moonlight-a-"));
				RpcConnection rpc = RpcConnection.authorized(a)) {
			RunningApp b = instance(database, dirB);
			try {
				assertThat(status(b, "/api/v1/ping")).isEqualTo(200);
				JsonNode on = rpc.send("{\"method\":\"maintenance.on\",\"params\":{\"message\":\"Moving racks\","
						+ "\"retry_after\":30,\"bypass\":\"ops-secret-7\"}}");
				assertThat(on.path("result").path("enabled").asBoolean()).as("answer: %s", on).isTrue();
				long switchedAt = System.nanoTime();
				RunningApp instanceB = b;
				await().atMost(SWITCH_WITHIN)
					.pollInterval(Duration.ofMillis(50))
					.until(() -> status(instanceB, "/api/v1/ping") == 503);
				System.out.printf("instance B answered 503 %d ms after A's maintenance.on%n",
						Duration.ofNanos(System.nanoTime() - switchedAt).toMillis());
				b.client()
					.get()
					.uri("/api/v1/ping")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.valueEquals("Retry-After", "30")
					.expectBody()
					.jsonPath("$.returnMessage")
					.isEqualTo("Moving racks");
				assertThat(status(b, "/api/v1/ping?bypass=ops-secret-7")).isEqualTo(200);
				assertThat(status(b, "/ready")).isEqualTo(503);
				assertThat(switchValue(database)).as("the database keeps the token's digest alone")
					.contains("bypass_sha256")
					.doesNotContain("ops-secret-7");
				assertThat(dirB.resolve("storage/run/maintenance.json")).doesNotExist();

				b.close();
				b = instance(database, dirB);
				assertThat(status(b, "/api/v1/ping")).as("B restarted is still in maintenance").isEqualTo(503);

				JsonNode off = rpc.send("{\"method\":\"maintenance.off\"}");
				assertThat(off.path("result").path("was_enabled").asBoolean()).as("answer: %s", off).isTrue();
				long offAt = System.nanoTime();
				RunningApp restarted = b;
				await().atMost(SWITCH_WITHIN)
					.pollInterval(Duration.ofMillis(50))
					.until(() -> status(restarted, "/api/v1/ping") == 200);
				System.out.printf("instance B answered 200 %d ms after A's maintenance.off%n",
						Duration.ofNanos(System.nanoTime() - offAt).toMillis());
				assertThat(status(a, "/api/v1/ping")).isEqualTo(200);
				assertThat(switchValue(database)).isNull();
			}
			finally {
				b.close();
			}
		}
	}

	private static RunningApp instance(ScratchPostgres database, Path dir) {
		return RunningApp.of(TestApplication.class)
			.projectDir(dir)
			.dotEnv("DATABASE_URL=" + database.databaseUrl() + "\n")
			.start();
	}

	private static int status(RunningApp app, String path) {
		return app.client().get().uri(path).exchange().returnResult(String.class).getStatus().value();
	}

	private static String switchValue(ScratchPostgres database) throws Exception {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT content FROM moonlight_switches WHERE name = 'maintenance'")) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

}
