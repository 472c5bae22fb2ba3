package dev.moonlight.status;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.config.ConfigException;
import dev.moonlight.server.SideListener;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code status.address}: {@code /health} and {@code /ready}, RoadRunner's
 * {@code ?plugin=http} form too, on a listener of their own beside the API's port.
 */
class StatusListenerTests {

	private static WebTestClient client(int port) {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@Test
	void healthAndReadyAnswerOnTheStatusAddressAndOnTheApiPort() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("status:\n  address: 127.0.0.1:0\n")
			.start()) {
			int port = app.bean("moonlightStatusListener", SideListener.class).port();
			assertThat(port).as("the status listener's own port").isPositive().isNotEqualTo(app.port());
			client(port).get()
				.uri("/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("up");
			client(port).get()
				.uri("/ready")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("ready");
			client(port).get()
				.uri("/health?plugin=http")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.json("[{\"plugin_name\":\"http\",\"error_message\":\"\",\"status_code\":200}]", true);
			client(port).get()
				.uri("/ready?plugin=http")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.json("[{\"plugin_name\":\"http\",\"error_message\":\"\",\"status_code\":200}]", true);
			client(port).get().uri("/api/v1/ping").exchange().expectStatus().isNotFound();
			app.client().get().uri("/health").exchange().expectStatus().isOk();
			app.client().get().uri("/ready?plugin=http").exchange().expectStatus().isOk();
		}
	}

	@Test
	void anUnknownPluginIsReportedNotFound() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			app.client()
				.get()
				.uri("/health?plugin=http&plugin=grpc")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.jsonPath("$[0].status_code")
				.isEqualTo(200)
				.jsonPath("$[1].plugin_name")
				.isEqualTo("grpc")
				.jsonPath("$[1].status_code")
				.isEqualTo(404);
		}
	}

	@Test
	void notReadyAnswersTheConfiguredUnavailableStatus() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("status:\n  address: 127.0.0.1:0\n  unavailable_status_code: 500\n")
			.start()) {
			int port = app.bean("moonlightStatusListener", SideListener.class).port();
			app.bean(Readiness.class).stop();
			client(port).get()
				.uri("/ready?plugin=http")
				.exchange()
				.expectStatus()
				.isEqualTo(500)
				.expectBody()
				.jsonPath("$[0].error_message")
				.isEqualTo("draining: the server is shutting down");
			client(port).get()
				.uri("/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("draining");
		}
	}

	@Test
	void aStatusAddressInUseStopsTheBootNamingTheKey() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			String address = "127.0.0.1:" + taken.getLocalPort();
			assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
				.rrYaml("status:\n  address: " + address + "\n")
				.start()
				.close())
				.satisfies((ex) -> assertThat(findConfig(ex)).hasMessageStartingWith(
						".rr.yaml:2: status.address = \"" + address + "\": The status listener cannot listen there"));
		}
	}

	private static Throwable findConfig(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConfigException) {
				return cause;
			}
		}
		return ex;
	}

}
