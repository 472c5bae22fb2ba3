package dev.moonlight.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call's deferred work runs after its answer even when the answer cannot be written.
 */
class AfterWriteTests {

	@Test
	void deferredWorkRunsWhenWritingTheAnswerFails() {
		String requestId = "broken-route";
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[app_middlewares]\nbroken = dev.moonlight.testapp.TestMiddleware$BrokenHeader\n")
			.start()) {
			String body = "{\"service\":\"work\",\"action\":\"defers\",\"broken_header\":true}";
			try {
				RawHttp.send(app.port(),
						"POST /api/v1/ HTTP/1.1\r\nHost: x\r\nX-Request-Id: " + requestId
								+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
								+ "\r\nConnection: close\r\n\r\n" + body);
			}
			catch (RuntimeException ex) {
				// The server may drop the connection instead of answering: the deferred
				// work is what counts here.
			}
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(app.bean(JdbcClient.class)
					.sql("SELECT COUNT(*) FROM job_notes WHERE job_id = :id AND note_key = 'deferred-after-failure'")
					.param("id", requestId)
					.query(Long.class)
					.single()).isEqualTo(1));
		}
	}

}
