package dev.moonlight.idempotency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.testapp.TestServer;
import dev.moonlight.testing.ServerProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A keyed write killed mid-call (SIGKILL while {@code ledger.add} holds its transaction,
 * its insert made), then retried with the same key on a server started again: the retry
 * runs the action, since neither the key's row nor the insert survived, and the entry has
 * exactly one row; a second retry gets the stored answer.
 */
final class IdempotencyCrash {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final Path project;

	private final int port = ServerProcess.freePort();

	/**
	 * @param databaseUrl a PostgreSQL database, or {@code null} for the H2 file
	 */
	IdempotencyCrash(Path project, String databaseUrl) throws Exception {
		this.project = project;
		Files.createDirectories(project.resolve("environment"));
		// Keys belong to a logged-in caller.
		Files.writeString(project.resolve("environment/settings.ini"),
				"[app_authentications]\nheader = dev.moonlight.testapp.HeaderCallerBackend\n");
		if (databaseUrl != null) {
			Files.writeString(project.resolve(".env"), "DATABASE_URL=" + databaseUrl + "\n");
		}
	}

	void killMidCallThenRetry() throws Exception {
		String key = UUID.randomUUID().toString();
		String entry = "crash-" + key;
		String add = "{\"service\":\"ledger\",\"action\":\"add\",\"entry\":\"" + entry + "\",\"hold\":true}";
		try (ServerProcess server = ServerProcess.start(TestServer.class, project, port)) {
			server.awaitReady(Duration.ofSeconds(60));
			call("{\"service\":\"ledger\",\"action\":\"prepare\"}", null);
			call("{\"service\":\"ledger\",\"action\":\"shut\"}", null);
			CompletableFuture<HttpResponse<String>> held = client.sendAsync(request(add, key),
					HttpResponse.BodyHandlers.ofString());
			await("the keyed call holds its transaction").atMost(Duration.ofSeconds(20))
				.until(() -> look(entry).path("holding").asInt() == 1);
			server.kill();
			assertThat(held).as("the killed call got no answer").failsWithin(Duration.ofSeconds(10));
		}
		try (ServerProcess server = ServerProcess.start(TestServer.class, project, port)) {
			server.awaitReady(Duration.ofSeconds(60));
			assertThat(look(entry).path("rows").asInt()).as("the killed call's insert rolled back").isZero();
			HttpResponse<String> retry = call(add, key);
			assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
			assertThat(retry.headers().firstValue(IdempotencyKeys.REPLAYED_HEADER)).isEmpty();
			assertThat(JSON.readTree(retry.body()).at("/returnData/rows").asInt()).isEqualTo(1);
			HttpResponse<String> again = call(add, key);
			assertThat(again.headers().firstValue(IdempotencyKeys.REPLAYED_HEADER)).contains("true");
			assertThat(look(entry).path("rows").asInt()).as("exactly one effect").isEqualTo(1);
			server.terminate();
			assertThat(server.awaitExit(Duration.ofSeconds(60))).isTrue();
		}
	}

	private JsonNode look(String entry) throws Exception {
		String body = call("{\"service\":\"ledger\",\"action\":\"look\",\"entry\":\"" + entry + "\"}", null).body();
		return JSON.readTree(body).path("returnData");
	}

	private HttpResponse<String> call(String body, String key) throws Exception {
		return client.send(request(body, key), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String body, String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("X-Caller", "alice").header(IdempotencyKeys.HEADER, key);
		}
		return request.build();
	}

}
