package dev.moonlight.accesslog;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.logging.LogFields;
import dev.moonlight.pipeline.CompletedRequest;
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
			app.call("{\"service\":\"notes\",\"action\":\"echo\"}").expectStatus().isOk();
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			app.client().get().uri("/nowhere").exchange().expectStatus().isNotFound();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut())
					.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  POST    /api/v1/ notes\\.echo  200  +\\d+ B  +\\d+ms$")
					.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  GET     /api/v1/ping  200  +\\d+ B  +\\d+ms$")
					.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  GET     /nowhere  404 "));
		}
	}

	@Test
	void rawLinesAreJsonWithRequestIdAndTheClientBehindATrustedProxy(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.property("moonlight.access-log=raw")
			.settings("[server]\nTRUSTED_PROXIES = 127.0.0.1, 10.0.0.0/8\n")
			.start()) {
			app.client()
				.post()
				.uri("/api/v1/")
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Request-Id", "raw-line-1")
				.header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
				.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
				.exchange()
				.expectStatus()
				.isOk();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut()).containsPattern(
						"\\{\"time\":\"[^\"]+\",\"method\":\"POST\",\"path\":\"/api/v1/\",\"action\":\"notes.echo\","
								+ "\"status\":200,\"bytes\":\\d+,\"duration_ms\":[0-9.E-]+,\"request_id\":\"raw-line-1\","
								+ "\"remote\":\"203.0.113.9\",\"instance\":\"[A-Za-z0-9._-]+\"}"));
			// Issue 12, finding 9: the left-most hop is the client's to write; the
			// right-most untrusted one counts.
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Request-Id", "raw-line-3")
				.header("X-Forwarded-For", "6.6.6.6, 203.0.113.10")
				.exchange()
				.expectStatus()
				.isOk();
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Request-Id", "raw-line-4")
				.header("X-Forwarded-For", "6.6.6.6")
				.header("X-Forwarded-For", "203.0.113.11, 10.0.0.2")
				.exchange()
				.expectStatus()
				.isOk();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut())
					.contains("\"request_id\":\"raw-line-3\",\"remote\":\"203.0.113.10\"")
					.contains("\"request_id\":\"raw-line-4\",\"remote\":\"203.0.113.11\""));
		}
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=raw").start()) {
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Request-Id", "raw-line-2")
				.header("X-Forwarded-For", "203.0.113.9")
				.exchange()
				.expectStatus()
				.isOk();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut())
					.containsPattern("\"request_id\":\"raw-line-2\",\"remote\":\"127.0.0.1\""));
		}
	}

	/**
	 * Issue 12, finding 8: a service name with a line break once forged a whole second
	 * access line.
	 */
	@Test
	void aLineBreakInTheServiceNameStaysInsideOneEscapedLine(CapturedOutput output) {
		String forged = "12:00:00  GET     /admin/forged  200      0 B     1ms";
		String body = "{\"service\":\"nope\\n" + forged + "\",\"action\":\"x\\r\\u001b[31m\"}";
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=pretty").start()) {
			app.call(body).expectStatus().isNotFound();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut())
					.contains("POST    /api/v1/ nope\\n" + forged + ".x\\r\\u001B[31m  404"));
		}
		assertThat(output.getOut()).doesNotContainPattern("(?m)^" + forged).doesNotContain("\u001B[31m");
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=raw").start()) {
			app.client()
				.post()
				.uri("/api/v1/")
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Request-Id", "raw-nl")
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isNotFound();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut()).containsPattern("(?m)^\\{\"time\".*\"raw-nl\""));
		}
		assertThat(output.getOut()).doesNotContainPattern("(?m)^" + forged);
	}

	/**
	 * Issue 12, finding 3: a 100,000-character service name is cut in the line, not
	 * written whole.
	 */
	@Test
	void aHugeServiceNameIsCutInTheLine(CapturedOutput output) {
		String huge = "s".repeat(100_000);
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=pretty").start()) {
			app.call("{\"service\":\"" + huge + "\",\"action\":\"x\"}").expectStatus().isNotFound();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut()).contains("…(" + (100_002 - 256) + " more)  404"));
		}
		assertThat(output.getOut()).doesNotContain("s".repeat(LogFields.MAX_LENGTH + 1));
	}

	/**
	 * Issue 12, finding 4: an {@link OutOfMemoryError} on the writer thread once ended
	 * the access log for good. Now the failure is logged and the next lines are written.
	 */
	@Test
	void theWriterOutlivesAnErrorAndWritesTheNextLines(CapturedOutput output) {
		FailingOnce out = new FailingOnce();
		AccessLog log = new AccessLog(AccessLogFormat.PRETTY, false, MoonlightJson.create().mapper(), out);
		log.start();
		try {
			log.completed(request("/first"));
			await().atMost(Duration.ofSeconds(5)).until(() -> out.failed);
			log.completed(request("/second"));
			log.completed(request("/third"));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(String.join("\n", out.lines)).contains("/second", "/third"));
			assertThat(log.isRunning()).isTrue();
		}
		finally {
			log.stop();
		}
		assertThat(output.getOut()).contains("ERROR")
			.contains("Background thread access-log failed")
			.contains("OutOfMemoryError: injected");
	}

	private static CompletedRequest request(String path) {
		return new CompletedRequest(Instant.now(), "GET", path, 200, 2, 1_000_000, null, null);
	}

	/**
	 * Standard output whose first line fails as a full heap would; the lines after it are
	 * kept.
	 */
	private static final class FailingOnce extends PrintStream {

		final List<String> lines = new CopyOnWriteArrayList<>();

		volatile boolean failed;

		FailingOnce() {
			super(OutputStream.nullOutputStream());
		}

		@Override
		public void print(Object batch) {
			if (!failed) {
				failed = true;
				throw new OutOfMemoryError("injected");
			}
			lines.addAll(String.valueOf(batch).lines().toList());
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
