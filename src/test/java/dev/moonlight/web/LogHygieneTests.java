package dev.moonlight.web;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, finding 8, over the wire: what hostile requests leave in the log. No secret
 * of a malformed form, no credential named {@code new_password}, {@code access_token},
 * {@code auth}..., no dump of a request head with thousands of header names, and a
 * chunked body the decoder refuses is a 400 everywhere, never a logged 500.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTests {

	private static String form(int port, String body) {
		return "POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
				+ "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
	}

	private static String chunked(String body) {
		return "POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
				+ "Connection: close\r\n\r\n" + body;
	}

	@Test
	void aMalformedFormFieldIsNeverLoggedNorEchoed(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.property("logging.level.dev.moonlight=DEBUG")
			.start()) {
			RawHttp.Response answer = RawHttp.send(app.port(), form(app.port(), "service=notes&password=%ZZhunter2"));
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).contains("Malformed value of form field 'password'").doesNotContain("hunter2");
			RawHttp.Response badName = RawHttp.send(app.port(), form(app.port(), "pass%ZZword=hunter3"));
			assertThat(badName.status()).isEqualTo(400);
			assertThat(badName.body()).contains("Malformed name of form field 1").doesNotContain("hunter3");
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut()).contains("Malformed name of form field 1"));
		}
		assertThat(output.getOut()).contains("answered 400: Malformed value of form field 'password'")
			.doesNotContain("hunter2", "hunter3", "%ZZ");
	}

	@Test
	void credentialsUnderTheirUsualNamesAreHiddenInLogs(CapturedOutput output) {
		String body = "{\"service\":\"notes\",\"action\":\"broken\",\"new_password\":\"np-value-1\","
				+ "\"access_token\":\"at-value-2\",\"auth\":\"au-value-3\",\"Authorization\":\"Bearer az-value-4\","
				+ "\"token\":\"tk-value-5\",\"nested\":{\"refresh_token\":\"rt-value-6\"},\"note\":\"visible\"}";
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.property("logging.level.dev.moonlight=DEBUG")
			.start()) {
			app.call(body).expectStatus().isEqualTo(500);
		}
		assertThat(output.getOut()).contains("notes.broken failed", "visible")
			.doesNotContain("np-value-1", "at-value-2", "au-value-3", "az-value-4", "tk-value-5", "rt-value-6");
	}

	@Test
	void aRequestHeadWithTenThousandHeadersIsNotDumpedIntoTheLog(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			StringBuilder request = new StringBuilder("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n");
			for (int i = 0; i < 10_000; i++) {
				request.append("X-Hostile-").append(i).append(": a\r\n");
			}
			try {
				RawHttp.Response refused = RawHttp.send(app.port(), request.append("\r\n").toString());
				assertThat(refused.status()).isEqualTo(431);
			}
			catch (java.io.UncheckedIOException reset) {
				// The server may answer and close before the client has written its whole
				// head: also a refusal.
			}
			assertThat(RawHttp.get(app.port(), "/api/v1/ping").status()).as("the server goes on").isEqualTo(200);
		}
		assertThat(output.getOut()).doesNotContain("X-Hostile-1", "Decoding failed");
	}

	@Test
	void aChunkedBodyTheDecoderRefusesIsA400AndNoErrorIsLogged(CapturedOutput output) {
		List<String> bodies = List.of("ZZ\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX0\r\n\r\n",
				"FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
				"2b\r\n{\"service\":\"notes\",\"action\":\"logged\",\"n\":1}\r\nQ\r\n\r\n");
		try (RunningApp app = RunningApp.of(TestApplication.class).property("moonlight.access-log=pretty").start()) {
			for (String body : bodies) {
				assertThat(RawHttp.send(app.port(), chunked(body)).status()).as(body).isEqualTo(400);
			}
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(
						output.getOut().lines().filter((line) -> line.contains("POST    /api/v1/  400")).count())
					.isEqualTo(bodies.size()));
			assertThat(RawHttp.get(app.port(), "/api/v1/ping").status()).as("the server goes on").isEqualTo(200);
		}
		assertThat(serverLines(output))
			.doesNotContain(" ERROR ", "  500  ", "500 Server Error", "Status and headers already sent")
			.as("no action ran on the part of a body that came before the broken chunk")
			.doesNotContain("noted on");
	}

	/**
	 * The output without Netty's leak reports: the suite runs the detector at paranoid,
	 * and a buffer that an earlier test's client dropped is reported (at ERROR) whenever
	 * a collection finds it, during whichever test runs then. Leaks are judged by
	 * {@code LeakCheck}; this test judges what the server logs.
	 */
	private static String serverLines(CapturedOutput output) {
		return output.getOut()
			.lines()
			.filter((line) -> !line.contains("io.netty.util.ResourceLeakDetector"))
			.collect(Collectors.joining("\n"));
	}

}
