package dev.moonlight.tcp;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Envelope lines ({@link TcpEnvelopes}) over a real connection: any line gets exactly one
 * envelope line back, a client error or a success, never a 500, and the connection keeps
 * serving.
 */
class TcpEnvelopeLineFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> VALID = List.of("{\"service\":\"notes\",\"action\":\"echo\",\"id\":5}",
			"{\"service\":\"notes\",\"action\":\"create\",\"title\":\"t\",\"author_name\":\"a\",\"priority\":1}",
			"{\"auth\":\"eyJhbGciOiJIUzI1NiJ9.e30.x\"}", "{\"SERVICE\":\"notes\",\"ACTION\":\"echo\",\"x\":[1,{}]}");

	private static RunningApp app;

	private static LineClient client;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.rrYaml("tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n"
					+ "      max_frame_size: 1048576\n")
			.start();
		client = LineClient.connect(app.bean(TcpServers.class).port("lines"), "\n");
	}

	@AfterAll
	static void stop() {
		client.close();
		app.close();
	}

	@Test
	void anyLineGetsOneEnvelopeThatIsNotAServerError() {
		FuzzExamples.qt(FuzzExamples.OVER_A_SOCKET).forAll(lines()).checkAssert((line) -> {
			String answer = client.write(line + "\n").readLine();
			assertThat(answer).as("the answer to %s", line).isNotNull();
			JsonNode envelope = JSON.readTree(answer);
			assertThat(envelope.get("returnCode").asInt()).as("%s -> %s", line, answer).isNotEqualTo(500);
		});
	}

	private static Gen<String> lines() {
		// One line each: the delimiter is the framer's business (TcpFramerFuzzTests);
		// blank lines get no answer.
		return HostileText.anyTextOrMutationOf(VALID)
			.map((text) -> text.replace('\n', ' '))
			.map((text) -> text.isBlank() ? "x" + text : text)
			.describedAs(HostileText::shown);
	}

}
