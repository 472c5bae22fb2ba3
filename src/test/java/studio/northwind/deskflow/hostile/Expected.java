package studio.northwind.deskflow.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks an {@link Answer} against a case's {@code expect}: {@code status} and
 * {@code returnCode} (a number or a list of the numbers allowed), {@code message} (a part
 * of the returnMessage, or of the body when it is no envelope), {@code startsWith},
 * {@code closed} (the connection closed with no answer), {@code notContains} and
 * {@code header} (name to a part of its value). Whatever the case says, no answer may be
 * a 500 or carry a stack trace.
 */
final class Expected {

	/** What a stack trace or a leaked internal looks like in an answer. */
	private static final List<String> NEVER = List.of("Exception", "\tat ", "\n\tat", "java.lang.", "at dev.moonlight.",
			"at studio.northwind.", "at io.netty.", "SQLSTATE", "JdbcSQL");

	private Expected() {
	}

	static void check(HostileCase hostile, Answer answer) {
		JsonNode expect = hostile.expect();
		String described = hostile + " -> " + answer;
		if (expect.path("closed").asBoolean(false)) {
			assertThat(answer.isClosed()).as("the connection closes with no answer: %s", described).isTrue();
			return;
		}
		assertThat(answer.isClosed()).as("an answer, not a closed connection: %s", described).isFalse();
		JsonNode envelope = answer.json();
		assertThat(answer.status()).as("never a 500: %s", described).isNotEqualTo(500);
		if (envelope != null && envelope.has("returnCode")) {
			assertThat(envelope.get("returnCode").asInt()).as("never a 500 envelope: %s", described).isNotEqualTo(500);
		}
		String whole = answer.head() + "\r\n\r\n" + answer.body();
		for (String leak : NEVER) {
			assertThat(whole).as("no stack trace or internal in the answer: %s", described).doesNotContain(leak);
		}
		if (expect.has("status")) {
			assertThat(answer.status()).as("status: %s", described).isIn(numbers(expect.get("status")));
		}
		if (expect.has("returnCode")) {
			assertThat(envelope).as("an envelope: %s", described).isNotNull();
			assertThat(envelope.path("returnCode").asInt(-1)).as("returnCode: %s", described)
				.isIn(numbers(expect.get("returnCode")));
		}
		if (expect.has("message")) {
			String message = (envelope != null && envelope.has("returnMessage"))
					? envelope.path("returnMessage").asString("") : answer.body();
			assertThat(message).as("message: %s", described).contains(expect.get("message").asString());
		}
		if (expect.has("startsWith")) {
			assertThat(answer.body()).as("answer: %s", described).startsWith(expect.get("startsWith").asString());
		}
		for (JsonNode part : expect.path("notContains")) {
			assertThat(whole).as("must not contain %s: %s", part, described).doesNotContain(part.asString());
		}
		for (Map.Entry<String, JsonNode> header : expect.path("header").properties()) {
			assertThat(answer.header(header.getKey())).as("header %s: %s", header.getKey(), described)
				.isNotNull()
				.contains(header.getValue().asString());
		}
	}

	private static List<Integer> numbers(JsonNode value) {
		List<Integer> numbers = new ArrayList<>();
		if (value.isArray()) {
			value.forEach((number) -> numbers.add(number.asInt()));
		}
		else {
			numbers.add(value.asInt());
		}
		return numbers;
	}

}
