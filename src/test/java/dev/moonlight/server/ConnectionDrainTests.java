package dev.moonlight.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.KeepAliveLoad;
import dev.moonlight.testing.KeepAliveLoad.Outcome;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the drain closes a connection: only between requests. A request whose first bytes
 * have arrived is answered (with {@code Connection: close}) however long the rest takes;
 * an idle kept-alive connection gets {@code http.drain_delay} for one last request, then
 * is closed.
 */
class ConnectionDrainTests {

	private static final String NAPPING = "{\"service\":\"drain\",\"action\":\"napping\"}";

	@Test
	void aRequestHalfReceivedIsAnsweredWhileAnIdleConnectionIsClosedAtOnce() throws Exception {
		RunningApp app = RunningApp.of(TestApplication.class).rrYaml("http:\n  drain_delay: 0\n").start();
		int port = app.port();
		try (Socket half = connect(port); Socket idle = connect(port)) {
			assertThat(KeepAliveLoad.post(idle, port, NAPPING).status()).isEqualTo(200);
			// A kept-alive connection that has had an answer (so not a new one): only the
			// first bytes of its next request tell the drain that it is not between
			// requests.
			assertThat(KeepAliveLoad.post(half, port, NAPPING).status()).isEqualTo(200);
			byte[] body = NAPPING.getBytes(StandardCharsets.UTF_8);
			OutputStream out = half.getOutputStream();
			out.write(("POST /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();

			CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
			await().atMost(Duration.ofSeconds(30)).until(() -> ServerProcess.refuses(port));
			assertThat(idle.getInputStream().read()).as("the idle connection is closed, with drain_delay 0")
				.isEqualTo(-1);
			out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			Outcome answer = KeepAliveLoad.answer(half);
			assertThat(answer.status()).as("the half-received request is answered: %s", answer).isEqualTo(200);
			assertThat(answer.closes()).as("with Connection: close").isTrue();
			assertThat(half.getInputStream().read()).as("then the connection closes").isEqualTo(-1);
			stopping.get(30, TimeUnit.SECONDS);
		}
		finally {
			app.close();
		}
	}

	@Test
	void anIdleKeptAliveConnectionGetsOneLastRequestWithinTheDrainDelay() throws Exception {
		RunningApp app = RunningApp.of(TestApplication.class).rrYaml("http:\n  drain_delay: 20s\n").start();
		int port = app.port();
		try (Socket kept = connect(port); Socket unused = connect(port)) {
			assertThat(KeepAliveLoad.post(kept, port, NAPPING).status()).isEqualTo(200);
			assertThat(KeepAliveLoad.post(unused, port, NAPPING).status()).isEqualTo(200);

			CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
			await().atMost(Duration.ofSeconds(30)).until(() -> ServerProcess.refuses(port));
			Outcome last = KeepAliveLoad.post(kept, port, NAPPING);
			assertThat(last.status()).as("the last request on a kept-alive connection: %s", last).isEqualTo(200);
			assertThat(last.closes()).as("answered with Connection: close").isTrue();
			assertThat(kept.getInputStream().read()).as("then the connection closes").isEqualTo(-1);
			assertThat(unused.getInputStream().read()).as("a connection left idle is closed after drain_delay")
				.isEqualTo(-1);
			stopping.get(30, TimeUnit.SECONDS);
		}
		finally {
			app.close();
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(60_000);
		return socket;
	}

}
