package dev.moonlight.metrics;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.server.SideListener;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metrics.address}: {@code /metrics} on a listener of its own. */
class MetricsListenerTests {

	@Test
	void metricsAnswerOnTheMetricsAddressAndOnTheApiPort() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("metrics:\n  address: 127.0.0.1:0\n")
			.start()) {
			int port = app.bean("moonlightMetricsListener", SideListener.class).port();
			assertThat(port).as("the metrics listener's own port").isPositive().isNotEqualTo(app.port());
			app.text("/api/v1/ping");
			String scrape = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + port)
				.build()
				.get()
				.uri("/metrics")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(scrape).contains("moonlight_pool_workers", "jvm_memory_used_bytes");
			WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + port)
				.build()
				.get()
				.uri("/health")
				.exchange()
				.expectStatus()
				.isNotFound();
			assertThat(app.text("/metrics")).contains("moonlight_pool_workers");
		}
	}

}
