package dev.moonlight.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the log shows of a call: its request id on every line, and never the values
 * HIDE_IN_LOGS names.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestLogTests {

	private static final String SECRETS = "\"password\":\"pw-s3cr3t-value\",\"profile\":{\"ssn\":\"123-45-6789\","
			+ "\"Token\":\"tok-abc\",\"cards\":[{\"cvv\":\"cvv-value-987\"}]},\"note\":\"visible\"";

	private static WebTestClient.ResponseSpec call(RunningApp app, String requestId, String body) {
		return app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Request-Id", requestId)
			.bodyValue(body)
			.exchange();
	}

	@Test
	void everyLineOfACallCarriesItsRequestId(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			call(app, "trace-me-123", "{\"service\":\"notes\",\"action\":\"logged\"}").expectStatus().isOk();
			call(app, "trace-me-456", "{\"service\":\"notes\",\"action\":\"create\"}").expectStatus().isEqualTo(422);
			call(app, "trace-me-789", "{\"service\":\"notes\",\"action\":\"broken\"}").expectStatus().isEqualTo(500);
		}
		assertThat(output.getOut()).containsPattern("\\[trace-me-123\\] .*NotesService.*noted on http-worker-")
			.containsPattern("\\[trace-me-456\\] .*notes.create answered 422")
			.containsPattern("\\[trace-me-789\\] .*notes.broken failed");
		assertThat(output.getOut()).as("lines outside a call have no empty brackets").doesNotContain("[] ");
	}

	@Test
	void hiddenKeysAreReplacedAtAnyDepthInLogsAndTheDebugEnvelope(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[logging]\nHIDE_IN_LOGS = ssn, title\nHIDE_SUB = ##########\n")
			.dotEnv("DEBUG=true\n")
			.property("logging.level.dev.moonlight=DEBUG")
			.start()) {
			call(app, "hide-1", "{\"service\":\"notes\",\"action\":\"broken\"," + SECRETS + "}").expectStatus()
				.isEqualTo(500)
				.expectBody()
				.jsonPath("$.returnData.params.password")
				.isEqualTo("##########")
				.jsonPath("$.returnData.params.profile.ssn")
				.isEqualTo("##########")
				.jsonPath("$.returnData.params.profile.Token")
				.isEqualTo("##########")
				.jsonPath("$.returnData.params.profile.cards[0].cvv")
				.isEqualTo("##########")
				.jsonPath("$.returnData.params.note")
				.isEqualTo("visible");
			call(app, "hide-2", "{\"service\":\"notes\",\"action\":\"create\",\"title\":\"x\"," + SECRETS + "}")
				.expectStatus()
				.isEqualTo(422);
		}
		String log = output.getOut();
		assertThat(log).contains("[hide-1]", "[hide-2]", "visible", "{errors={title=##########")
			.doesNotContain("pw-s3cr3t-value", "123-45-6789", "tok-abc", "cvv-value-987");
	}

}
