package dev.moonlight.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.pipeline.CompletedRequest;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pipeline.RequestListener;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testapp.WorkService;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every API request is reported to the access log and metrics once: with its status, or,
 * when its client left before its answer, as 499 (nginx's "client closed request").
 */
class ClientGoneTests {

	@Test
	void anAnsweredCallIsReportedOnceWithItsStatus() {
		try (RunningApp app = RunningApp.of(WithRecorder.class).start()) {
			Recorder recorder = app.bean(Recorder.class);
			for (int i = 0; i < 20; i++) {
				assertThat(RawHttp.get(app.port(), "/api/v1/ping").status()).isEqualTo(200);
			}
			assertThat(RawHttp.get(app.port(), "/api/v1/nowhere/at/all").status()).isEqualTo(404);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorder.requests).hasSize(21));
			assertThat(recorder.requests).extracting(CompletedRequest::status)
				.containsOnly(200, 404)
				.containsOnlyOnce(404);
		}
	}

	@Test
	void aCallWhoseClientLeftIsReportedAs499() throws IOException {
		try (RunningApp app = RunningApp.of(WithRecorder.class).start()) {
			Recorder recorder = app.bean(Recorder.class);
			String body = "{\"service\":\"slow\",\"action\":\"sleep\",\"ms\":3000}";
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
				OutputStream out = socket.getOutputStream();
				out.write(("POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
						+ body.length() + "\r\n\r\n" + body)
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> app.bean(BoundedWorkerPool.class).stats().busy() > 0);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(recorder.requests).extracting(CompletedRequest::status)
					.containsExactly(ApiRoute.CLIENT_CLOSED_REQUEST));
		}
	}

	/**
	 * The action ran to its end, and may have written: what it left for after its answer
	 * runs although nobody reads the answer, once the action has returned.
	 */
	@Test
	void theWorkACallDeferredRunsWhenItsClientLeft() throws IOException {
		try (RunningApp app = RunningApp.of(WithRecorder.class).start()) {
			String body = "{\"service\":\"work\",\"action\":\"defersThenWaits\",\"key\":\"client-gone\"}";
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
				OutputStream out = socket.getOutputStream();
				out.write(("POST /api/v1/ HTTP/1.1\r\nHost: x\r\nX-Request-Id: gone-1\r\n"
						+ "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> app.bean(BoundedWorkerPool.class).stats().busy() > 0);
			}
			// The server sees the client leave while the action still runs.
			await().atMost(Duration.ofSeconds(10)).until(() -> app.bean(Recorder.class).requests.size() == 1);
			app.bean(WorkService.class).releaseAction();
			await().atMost(Duration.ofSeconds(15))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(app.bean(JdbcClient.class)
					.sql("SELECT note_key FROM job_notes WHERE job_id = 'gone-1'")
					.query(String.class)
					.list()).as("once, after the action returned").containsExactly("client-gone"));
		}
	}

	static final class Recorder implements RequestListener {

		final List<CompletedRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public void completed(CompletedRequest request) {
			if (request.path().startsWith("/api")) {
				requests.add(request);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(TestApplication.class)
	static class WithRecorder {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

}
