package dev.moonlight.status;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.config.ConfigException;
import dev.moonlight.server.SideListener;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ServerProcess;

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

	/**
	 * Issue 16: every answer carries an {@code X-Request-Id}, the status listener's too;
	 * and a flood of connections on a probe port is capped, so the port keeps answering
	 * once it ends.
	 */
	@Test
	void theStatusListenerNamesEveryAnswerAndCapsItsConnections() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("status:\n  address: 127.0.0.1:0\n")
			.start()) {
			int port = app.bean("moonlightStatusListener", SideListener.class).port();
			client(port).get()
				.uri("/health")
				.exchange()
				.expectHeader()
				.value("X-Request-Id", (id) -> assertThat(id).isNotBlank());
			client(port).get()
				.uri("/nowhere")
				.header("X-Request-Id", "probe-7")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.valueEquals("X-Request-Id", "probe-7");
			List<Socket> held = new ArrayList<>();
			try {
				for (int i = 0; i < 64; i++) {
					held.add(new Socket("127.0.0.1", port));
				}
				try (Socket over = new Socket("127.0.0.1", port)) {
					over.setSoTimeout(30_000);
					assertThat(new String(over.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
						.startsWith("HTTP/1.1 503 ")
						.contains("Too many connections (status listener's fixed cap=64); try again later.");
				}
			}
			finally {
				for (Socket socket : held) {
					socket.close();
				}
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> client(port).get().uri("/health").exchange().expectStatus().isOk());
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

	/**
	 * At shutdown {@code /ready} turns 503 on the status listener while {@code /health}
	 * still answers, and the listener closes last: a step of the shutdown between the two
	 * probes it.
	 */
	@Test
	void atShutdownReadyTurnsUnavailableFirstAndTheListenerClosesLast() throws Exception {
		AtomicReference<String> seen = new AtomicReference<>();
		AtomicInteger statusPort = new AtomicInteger();
		RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("status:\n  address: 127.0.0.1:0\n")
			.initializer((context) -> context.getBeanFactory()
				.registerSingleton("probeAtShutdown", new ProbeAtShutdown(statusPort, seen)))
			.start();
		statusPort.set(app.bean("moonlightStatusListener", SideListener.class).port());
		app.close();
		assertThat(seen.get()).as("/ready and /health during shutdown").isEqualTo("ready 503, health 200");
		assertThat(ServerProcess.refuses(statusPort.get())).as("closed once the context is").isTrue();
	}

	/** Stops after the readiness check and before the status listener. */
	private static final class ProbeAtShutdown implements SmartLifecycle {

		private final AtomicInteger port;

		private final AtomicReference<String> seen;

		private volatile boolean running;

		ProbeAtShutdown(AtomicInteger port, AtomicReference<String> seen) {
			this.port = port;
			this.seen = seen;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			WebTestClient status = client(this.port.get());
			int ready = status.get().uri("/ready").exchange().returnResult(String.class).getStatus().value();
			int health = status.get().uri("/health").exchange().returnResult(String.class).getStatus().value();
			this.seen.set("ready " + ready + ", health " + health);
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
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
