package dev.moonlight.metrics;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.MetricLines;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} over the wire, after calls that succeed, fail, are refused and
 * time out.
 */
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
		return app.call(body).returnResult(String.class).getStatus().value();
	}

	@Test
	void requestsPoolHikariAndJvmMetersAreScraped() {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml(POOL).start()) {
			assertThat(call(app, "{\"service\":\"notes\",\"action\":\"echo\"}")).isEqualTo(200);
			assertThat(call(app, "{\"service\":\"notes\",\"action\":\"nope\"}")).isEqualTo(404);
			assertThat(call(app, "{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":3000}")).isEqualTo(504);
			List<CompletableFuture<Integer>> crowd = IntStream.range(0, 4)
				.mapToObj((i) -> CompletableFuture
					.supplyAsync(() -> call(app, "{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":700}")))
				.toList();
			assertThat(crowd.stream().map(CompletableFuture::join).toList()).contains(503);
			String metrics = MetricLines.withoutInstance(app.text("/metrics"));
			app.client()
				.get()
				.uri("/metrics")
				.exchange()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_PLAIN);
			assertThat(metrics)
				.containsPattern("moonlight_requests_seconds_count\\{action=\"echo\",route=\"api\",service=\"notes\","
						+ "status=\"200\",version=\"v1\"} 1")
				.contains("moonlight_requests_seconds_bucket{action=\"echo\"")
				.containsPattern("moonlight_requests_seconds_count\\{action=\"unknown\",.*service=\"unknown\","
						+ "status=\"404\".*} 1")
				.containsPattern("moonlight_requests_seconds_count\\{action=\"sleep\",.*status=\"504\".*} 1")
				.containsPattern("moonlight_pool_rejections_total [1-9]")
				.containsPattern("moonlight_pool_timeouts_total 1")
				.contains("moonlight_pool_workers 1", "moonlight_pool_workers_busy", "moonlight_pool_workers_idle",
						"moonlight_pool_queued", "moonlight_pool_executions_total")
				.contains("hikaricp_connections", "jvm_memory_used_bytes")
				.doesNotContain("http_server_requests_seconds", "nope");
		}
	}

	/**
	 * Issue 12, finding 3: every service name a client sent became a tag value (a 2 MB
	 * name once grew the scrape by 144 MB), with 69 histogram buckets a series. Now only
	 * registered names are tags, anything else is {@code unknown}, and a series has a
	 * handful of buckets.
	 */
	@Test
	void unknownNamesAreOneUnknownTagAndTheScrapeStaysSmall() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			String huge = "h".repeat(200_000);
			assertThat(call(app, "{\"service\":\"" + huge + "\",\"action\":\"" + huge + "\"}")).isEqualTo(404);
			for (int i = 0; i < 300; i++) {
				assertThat(call(app, "{\"service\":\"flood-" + i + "\",\"action\":\"a\\n" + i + "\"}")).isEqualTo(404);
				assertThat(call(app, "{\"service\":\"notes\",\"action\":\"flood-" + i + "\"}")).isEqualTo(404);
			}
			app.client()
				.post()
				.uri("/api/v9-" + huge.substring(0, 1000) + "/")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isNotFound();
			assertThat(call(app, "{\"service\":\"notes\",\"action\":\"echo\"}")).isEqualTo(200);
			String metrics = MetricLines.withoutInstance(app.text("/metrics"));
			assertThat(metrics.length()).as("scrape size").isLessThan(200 * 1024);
			assertThat(metrics).doesNotContain("flood-", "hhhh")
				.containsPattern("moonlight_requests_seconds_count\\{action=\"unknown\",route=\"api\","
						+ "service=\"unknown\",status=\"404\",version=\"v1\"} 601")
				.contains("moonlight_requests_seconds_count{action=\"none\",route=\"api\",service=\"none\","
						+ "status=\"404\",version=\"none\"} 1")
				.contains("moonlight_requests_seconds_count{action=\"echo\",route=\"api\",service=\"notes\","
						+ "status=\"200\",version=\"v1\"} 1");
			long buckets = metrics.lines()
				.filter((line) -> line.startsWith("moonlight_requests_seconds_bucket{action=\"echo\""))
				.count();
			assertThat(buckets).as("buckets of one series").isBetween(2L, 12L);
			assertThat(metrics.lines().filter((line) -> !line.startsWith("#")))
				.allSatisfy((line) -> assertThat(line).hasSizeLessThan(400));
		}
	}

}
