package dev.moonlight.accesslog;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The access log's lines over the wire, in both formats. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

	@Test
	void oneFormattedLineARequestWithTheActionAfterThePath(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=pretty").start()) {
			app.client().post().uri("/api/v1/").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}").exchange().expectStatus().isOk();
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			app.client().get().uri("/nowhere").exchange().expectStatus().isNotFound();
			await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  POST    /api/v1/ notes\\.echo  200  +\\d+ B  +\\d+ms$")
				.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  GET     /api/v1/ping  200  +\\d+ B  +\\d+ms$")
				.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  GET     /nowhere  404 "));
		}
	}

	@Test
	void rawLinesAreJsonWithRequestIdAndTheClientBehindATrustedProxy(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=raw")
			.settings("[server]\nTRUSTED_PROXIES = 127.0.0.1, 10.0.0.0/8\n").start()) {
			app.client().post().uri("/api/v1/").contentType(MediaType.APPLICATION_JSON)
				.header("X-Request-Id", "raw-line-1").header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
				.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}").exchange().expectStatus().isOk();
			await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("\\{\"time\":\"[^\"]+\",\"method\":\"POST\",\"path\":\"/api/v1/\",\"action\":\"notes.echo\","
						+ "\"status\":200,\"bytes\":\\d+,\"duration_ms\":[0-9.E-]+,\"request_id\":\"raw-line-1\","
						+ "\"remote\":\"203.0.113.9\"}"));
			// Issue 12, finding 9: the left-most hop is the client's to write; the right-most untrusted one counts.
			app.client().get().uri("/api/v1/ping").header("X-Request-Id", "raw-line-3")
				.header("X-Forwarded-For", "6.6.6.6, 203.0.113.10").exchange().expectStatus().isOk();
			app.client().get().uri("/api/v1/ping").header("X-Request-Id", "raw-line-4")
				.header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "203.0.113.11, 10.0.0.2").exchange()
				.expectStatus().isOk();
			await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(output.getOut())
				.contains("\"request_id\":\"raw-line-3\",\"remote\":\"203.0.113.10\"")
				.contains("\"request_id\":\"raw-line-4\",\"remote\":\"203.0.113.11\""));
		}
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=raw").start()) {
			app.client().get().uri("/api/v1/ping").header("X-Request-Id", "raw-line-2")
				.header("X-Forwarded-For", "203.0.113.9").exchange().expectStatus().isOk();
			await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("\"request_id\":\"raw-line-2\",\"remote\":\"127.0.0.1\""));
		}
	}

	@Test
	void sizesReadLikeAPerson() {
		assertThat(AccessLogFormat.size(-1)).isEqualTo("-");
		assertThat(AccessLogFormat.size(512)).isEqualTo("512 B");
		assertThat(AccessLogFormat.size(1229)).isEqualTo("1.2 KB");
		assertThat(AccessLogFormat.size(3 * 1024 * 1024)).isEqualTo("3.0 MB");
	}

}
