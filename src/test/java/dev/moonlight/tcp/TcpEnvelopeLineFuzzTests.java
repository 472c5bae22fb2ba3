package dev.moonlight.tcp;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.HostileText;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Envelope lines ({@link TcpEnvelopes}) over a real connection: any line gets exactly one envelope line back, a client
 * error or a success, never a 500, and the connection keeps serving.
 */
class TcpEnvelopeLineFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> VALID = List.of("{\"service\":\"notes\",\"action\":\"echo\",\"id\":5}",
			"{\"service\":\"notes\",\"action\":\"create\",\"title\":\"t\",\"author_name\":\"a\",\"priority\":1}",
			"{\"auth\":\"eyJhbGciOiJIUzI1NiJ9.e30.x\"}", "{\"SERVICE\":\"notes\",\"ACTION\":\"echo\",\"x\":[1,{}]}");

	private static RunningApp app;

	private static LineClient client;

	@BeforeContainer
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.rrYaml("tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n"
					+ "      max_frame_size: 1048576\n")
			.start();
		client = LineClient.connect(app.bean(TcpServers.class).port("lines"), "\n");
	}

	@AfterContainer
	static void stop() {
		client.close();
		app.close();
	}

	@Property(tries = 300)
	void anyLineGetsOneEnvelopeThatIsNotAServerError(@ForAll("lines") String line) {
		String answer = client.write(line + "\n").readLine();
		assertThat(answer).as("the answer to %s", line).isNotNull();
		JsonNode envelope = JSON.readTree(answer);
		assertThat(envelope.get("returnCode").asInt()).as("%s -> %s", line, answer).isNotEqualTo(500);
	}

	@Provide
	Arbitrary<String> lines() {
		// One line each: the delimiter is the framer's business (TcpFramerFuzzTests); blank lines get no answer.
		return HostileText.anyTextOrMutationOf(VALID).map((text) -> text.replace('\n', ' '))
			.map((text) -> text.isBlank() ? "x" + text : text);
	}

}
