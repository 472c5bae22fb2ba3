package dev.moonlight.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestServer;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM with {@code status.unready_delay}: {@code /ready} turns 503 at once while the
 * main port still accepts new connections and serves, for the delay, so a balancer
 * probing {@code /ready} moves away before any connection is refused; then the drain
 * closes the listener.
 */
class UnreadyBeforeDrainTests {

	private static final Duration BOOT = Duration.ofSeconds(120);

	private static final Duration UNREADY = Duration.ofSeconds(3);

	@TempDir
	Path project;

	@Test
	void readyFailsForTheUnreadyDelayWhileTheServerStillAcceptsThenTheListenerCloses() throws Exception {
		int port = ServerProcess.freePort();
		Files.writeString(this.project.resolve(".rr.yaml"), "status:\n  unready_delay: 3s\n");
		try (ServerProcess server = ServerProcess.start(TestServer.class, this.project, port)) {
			server.awaitReady(BOOT);
			assertThat(RawHttp.get(port, "/ready").status()).isEqualTo(200);
			// The key is read, so the boot must not call it a misspelling.
			assertThat(server.log()).doesNotContain("status.unready_delay is not a key");

			server.terminate();
			long terminated = System.nanoTime();
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> RawHttp.get(port, "/ready").status() == 503);
			long unready = System.nanoTime();
			// New connections are still accepted and served while /ready fails.
			assertThat(RawHttp.get(port, "/api/v1/ping").status()).as(server.log()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> ServerProcess.refuses(port));
			long refused = System.nanoTime();
			long graceMillis = Duration.ofNanos(refused - unready).toMillis();
			System.out.printf("SIGTERM to /ready 503: %d ms; /ready 503 to refused connections: %d ms%n",
					Duration.ofNanos(unready - terminated).toMillis(), graceMillis);
			assertThat(graceMillis).as("the listener closes only after the unready delay\n" + server.log())
				.isGreaterThanOrEqualTo(UNREADY.toMillis() - 500);
			assertThat(server.awaitExit(Duration.ofSeconds(60))).as(server.log()).isTrue();
		}
	}

}
