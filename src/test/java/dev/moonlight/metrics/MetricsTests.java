package dev.moonlight.metrics;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} over the wire, after calls that succeed, fail, are refused and time out. */
class MetricsTests {

	private static final String POOL = """
			http:
			  pool:
			    num_workers: 1
			    max_queue_size: 1
			    supervisor:
			      exec_ttl: 1s
			""";

	private static int call(RunningApp app, String body) {
		return app.client().post().uri("/api/v1/").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.returnResult(String.class).getStatus().value();
	}

	@Test
	void requestsPoolHikariAndJvmMetersAreScraped() {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml(POOL).start()) {
			assertThat(call(app, "{\"service\":\"notes\",\"action\":\"echo\"}")).isEqualTo(200);
			assertThat(call(app, "{\"service\":\"notes\",\"action\":\"nope\"}")).isEqualTo(404);
			assertThat(call(app, "{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":3000}")).isEqualTo(504);
			List<CompletableFuture<Integer>> crowd = IntStream.range(0, 4)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> call(app, "{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":700}")))
				.toList();
			assertThat(crowd.stream().map(CompletableFuture::join).toList()).contains(503);
			String metrics = app.client().get().uri("/metrics").exchange().expectStatus().isOk()
				.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(metrics)
				.containsPattern("moonlight_requests_seconds_count\\{action=\"echo\",route=\"api\",service=\"notes\","
						+ "status=\"200\",version=\"v1\"} 1")
				.contains("moonlight_requests_seconds_bucket{action=\"echo\"")
				.containsPattern("moonlight_requests_seconds_count\\{action=\"nope\",.*status=\"404\".*} 1")
				.containsPattern("moonlight_requests_seconds_count\\{action=\"sleep\",.*status=\"504\".*} 1")
				.containsPattern("moonlight_pool_rejections_total [1-9]")
				.containsPattern("moonlight_pool_timeouts_total 1")
				.contains("moonlight_pool_workers 1", "moonlight_pool_workers_busy", "moonlight_pool_workers_idle",
						"moonlight_pool_queued", "moonlight_pool_executions_total")
				.contains("hikaricp_connections", "jvm_memory_used_bytes")
				.doesNotContain("http_server_requests_seconds");
		}
	}

}
