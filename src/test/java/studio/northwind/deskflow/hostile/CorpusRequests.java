package studio.northwind.deskflow.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns cases into what goes on the wire. An HTTP case is either {@code raw} (the request
 * exactly, for smuggling and broken framing) or {@code method}, {@code path},
 * {@code headers} (a list of {@code "Name: value"}, so a header may repeat), {@code body}
 * or {@code bodyHex}; {@code Host}, {@code Content-Type: application/json},
 * {@code Content-Length} and {@code Connection: close} are added unless the case sets its
 * own.
 */
final class CorpusRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CorpusRequests() {
	}

	static byte[] http(HostileCase hostile, int port, UnaryOperator<String> placeholders) {
		String raw = hostile.text("raw", null, placeholders);
		if (raw != null) {
			return raw.getBytes(StandardCharsets.ISO_8859_1);
		}
		List<String> headers = new ArrayList<>();
		hostile.spec()
			.path("headers")
			.forEach((header) -> headers.add(HostileCase.expand(header.asString(), placeholders)));
		boolean hasBody = hostile.get("body") != null || hostile.get("bodyHex") != null;
		byte[] body = (hostile.get("bodyHex") != null) ? Wire.hex(hostile.get("bodyHex").asString())
				: hostile.text("body", "", placeholders).getBytes(StandardCharsets.UTF_8);
		String method = hostile.text("method", "POST", placeholders);
		StringBuilder head = new StringBuilder(method).append(' ')
			.append(hostile.text("path", "/api/v1/", placeholders))
			.append(" HTTP/1.1\r\n");
		if (!has(headers, "host")) {
			head.append("Host: 127.0.0.1:").append(port).append("\r\n");
		}
		headers.forEach((header) -> head.append(header).append("\r\n"));
		if (hasBody && !has(headers, "content-type") && !hostile.spec().path("noContentType").asBoolean(false)) {
			head.append("Content-Type: application/json\r\n");
		}
		if ((hasBody || "POST".equals(method)) && !has(headers, "content-length")
				&& !has(headers, "transfer-encoding")) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		if (!has(headers, "connection")) {
			head.append("Connection: close\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(body);
		return out.toByteArray();
	}

	private static boolean has(List<String> headers, String name) {
		return headers.stream().anyMatch((header) -> header.toLowerCase(Locale.ROOT).startsWith(name + ":"));
	}

	/**
	 * An envelope call with {@code Authorization: Bearer token}, for a JWT case over
	 * HTTP.
	 */
	static HostileCase bearerCall(HostileCase jwt, String token, String body) {
		ObjectNode spec = jwt.spec().deepCopy();
		spec.putArray("headers").add("Authorization: Bearer " + token);
		spec.put("body", body);
		return new HostileCase(jwt.file(), jwt.line(), spec);
	}

	/**
	 * The same case with {@code field} set to {@code value} and without the HTTP-only
	 * expectations.
	 */
	static HostileCase overLines(HostileCase hostile, String field, String value) {
		ObjectNode spec = hostile.spec().deepCopy();
		spec.put(field, value);
		if (spec.get("expect") instanceof ObjectNode expect) {
			expect.remove(List.of("status", "header"));
		}
		return new HostileCase(hostile.file(), hostile.line(), spec);
	}

	/**
	 * A SQL-injection case: the target's body with {@code $PAYLOAD} replaced by the
	 * payload, as a JSON string.
	 */
	static HostileCase injection(HostileCase target, HostileCase payload) {
		String text = payload.spec().path("payload").asString();
		String escaped = JSON.writeValueAsString(text);
		String body = JSON.writeValueAsString(target.get("body")).replace("\"$PAYLOAD\"", escaped);
		ObjectNode spec = target.spec().deepCopy();
		spec.put("name", target.name() + " <- " + payload.name());
		spec.put("body", body);
		spec.remove("auth");
		if (target.spec().path("auth").asBoolean(false)) {
			spec.putArray("headers").add("Authorization: Bearer {{alex}}");
		}
		return new HostileCase(target.file() + "+" + payload.file(), payload.line(), spec);
	}

	static String json(JsonNode node) {
		return JSON.writeValueAsString(node);
	}

}
