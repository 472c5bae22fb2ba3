package dev.moonlight.pool;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool on the machine's PostgreSQL: a statement past exec_ttl is cancelled in the
 * server (not only abandoned by the client), and requests reuse the same backend
 * connections. Part of the PostgreSQL suite.
 */
@Tag("postgres")
class PostgresPoolTests {

	private static ScratchPostgres database;

	private static RunningApp app;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		database = ScratchPostgres.create("moonlight_pool");
		app = RunningApp.of(TestApplication.class)
			.settings("[app_switches]\nv1 = dev.moonlight.testapp.LegacySwitch\n")
			.rrYaml("http:\n  pool:\n    num_workers: 2\n    supervisor:\n      exec_ttl: 1s\n")
			.property("DATABASE_URL=" + database.databaseUrl())
			.start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		database.close();
	}

	@Test
	void aStatementPastExecTtlIsCancelledInPostgresql() throws Exception {
		java.util.concurrent.CompletableFuture<HttpResponse<String>> sleeping = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> {
				try {
					return call("pg_sleep");
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		awaitRunning(1, "the probe sees pg_sleep while it runs");
		assertThat(sleeping.join().statusCode()).isEqualTo(504);
		awaitRunning(0, "PostgreSQL no longer runs the pg_sleep: the statement was cancelled");
	}

	private void awaitRunning(int expected, String what) {
		// Well below pg_sleep's 30 s, so a statement that was not cancelled is still
		// seen.
		await(what).atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> call("pg_running").body().contains("\"running\":" + expected + "}"));
	}

	@Test
	void requestsReuseTheSameBackendConnections() throws Exception {
		Set<String> backends = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			HttpResponse<String> response = call("pg_session");
			assertThat(response.statusCode()).isEqualTo(200);
			backends.add(response.body().replaceAll(".*\"session\":(\\d+).*", "$1"));
		}
		assertThat(backends).as("30 requests, at most num_workers + 1 PostgreSQL backends").hasSizeBetween(1, 3);
	}

	private HttpResponse<String> call(String action) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/slow/" + action))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
