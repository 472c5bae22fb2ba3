package dev.moonlight.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pionia's {@code HIDE_IN_LOGS}: before request data is logged (or shown in a debug
 * envelope) the values of sensitive keys are replaced by {@code HIDE_SUB}, at any depth.
 * Keys match without regard to case, so {@code Password} is hidden as surely as
 * {@code password}. Returns copies; the request itself is untouched.
 */
public final class Redactor {

	/**
	 * Pionia's built-in keys and the usual names of credentials (a new password, OAuth
	 * tokens, an authorization value); {@code [logging] HIDE_IN_LOGS} adds to them.
	 */
	public static final Set<String> BUILT_IN = Set.of("password", "pass", "pin", "passwd", "secret_key", "pwd", "token",
			"credit_card", "creditcard", "cc", "secret", "cvv", "cvn", "new_password", "old_password",
			"current_password", "password_confirmation", "access_token", "refresh_token", "id_token", "api_key",
			"apikey", "client_secret", "authorization", "auth", "bypass", "bypass_token");

	/** Pionia's default replacement. */
	public static final String DEFAULT_SUBSTITUTE = "*********";

	private final Set<String> keys;

	private final String substitute;

	/**
	 * @param extraKeys keys added to {@link #BUILT_IN}
	 * @param substitute what replaces a hidden value
	 */
	public Redactor(Collection<String> extraKeys, String substitute) {
		this.keys = java.util.stream.Stream.concat(BUILT_IN.stream(), extraKeys.stream())
			.map((key) -> key.strip().toLowerCase(Locale.ROOT))
			.filter((key) -> !key.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		this.substitute = substitute;
	}

	/** The keys whose values are hidden, lowercased. */
	public Set<String> keys() {
		return keys;
	}

	public boolean hides(String key) {
		return keys.contains(key.toLowerCase(Locale.ROOT));
	}

	/**
	 * A copy of {@code node} with hidden values replaced; {@code null} stays
	 * {@code null}.
	 */
	public JsonNode redact(JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isObject()) {
			ObjectNode copy = ((ObjectNode) node).objectNode();
			node.properties()
				.forEach((entry) -> copy.set(entry.getKey(),
						hides(entry.getKey()) ? copy.stringNode(substitute) : redact(entry.getValue())));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = ((ArrayNode) node).arrayNode();
			node.forEach((item) -> copy.add(redact(item)));
			return copy;
		}
		return node;
	}

	/**
	 * A copy of maps, lists and JSON nodes with hidden values replaced; other values are
	 * returned as they are.
	 */
	public Object redact(Object value) {
		if (value instanceof JsonNode node) {
			return redact(node);
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(key, hides(String.valueOf(key)) ? substitute : redact(item)));
			return copy;
		}
		if (value instanceof Collection<?> items) {
			List<Object> copy = new ArrayList<>(items.size());
			items.forEach((item) -> copy.add(redact(item)));
			return copy;
		}
		return value;
	}

}
