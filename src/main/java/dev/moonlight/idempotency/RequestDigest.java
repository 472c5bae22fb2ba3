package dev.moonlight.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.logging.Redactor;
import tools.jackson.databind.JsonNode;

/**
 * SHA-256 digests, in hex: of a key's scope (so the table never holds a key or a caller
 * id) and of a canonical request (so a key sent again with another body is recognised).
 */
final class RequestDigest {

	private RequestDigest() {
	}

	/**
	 * The row of a key: its caller (keyed calls are authenticated) as the backend that
	 * recognised it, when the chain has several, and its id there, its version and
	 * action, and the key. Without a backend's name the row is the one versions before it
	 * wrote, so a retry that crosses an upgrade finds its key.
	 */
	static String row(ActionContext call) {
		Caller caller = call.caller();
		String scope = (caller.backend() != null) ? "id:" + caller.backend() + '\n' + caller.id() : "id:" + caller.id();
		return sha256(scope + '\n' + label(call) + '\n' + call.idempotencyKey());
	}

	/**
	 * The request: version, action and parameters with object keys sorted, so the order a
	 * client writes its fields in does not matter. Secret fields (those the
	 * {@link Redactor} hides) are replaced first, so no digest of a password is stored; a
	 * retry that differs only in a secret counts as the same request.
	 */
	static String request(ActionContext call, Redactor redactor) {
		StringBuilder canonical = new StringBuilder(label(call)).append('\n');
		write(redactor.redact(call.params()), canonical);
		return sha256(canonical.toString());
	}

	static String label(ActionContext call) {
		return call.version() + ' ' + call.service() + '.' + call.action();
	}

	private static void write(JsonNode node, StringBuilder out) {
		if (node == null) {
			out.append("null");
		}
		else if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
			out.append('{');
			sorted.forEach((name, value) -> {
				out.append(quoted(name)).append(':');
				write(value, out);
				out.append(',');
			});
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			node.values().forEach((item) -> {
				write(item, out);
				out.append(',');
			});
			out.append(']');
		}
		else {
			out.append(node.toString());
		}
	}

	private static String quoted(String name) {
		return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
