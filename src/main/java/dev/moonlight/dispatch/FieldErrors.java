package dev.moonlight.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation messages by field, in the order they were found. Collect every failure, then
 * {@link #throwIfAny()} so the client sees all of them at once.
 */
public final class FieldErrors {

	private final Map<String, List<String>> byField = new LinkedHashMap<>();

	public FieldErrors add(String field, String message) {
		byField.computeIfAbsent(field, (key) -> new ArrayList<>()).add(message);
		return this;
	}

	public FieldErrors addAll(FieldErrors other) {
		other.byField.forEach((field, messages) -> messages.forEach((message) -> add(field, message)));
		return this;
	}

	public boolean isEmpty() {
		return byField.isEmpty();
	}

	public boolean has(String field) {
		return byField.containsKey(field);
	}

	public Map<String, List<String>> asMap() {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		byField.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
		return Collections.unmodifiableMap(copy);
	}

	/** The first message, prefixed with its field unless the message already names it. */
	public String summary() {
		if (byField.isEmpty()) {
			return "Validation failed";
		}
		Map.Entry<String, List<String>> first = byField.entrySet().iterator().next();
		String message = first.getValue().get(0);
		return message.startsWith(first.getKey()) ? message : first.getKey() + " " + message;
	}

	public void throwIfAny() {
		if (!byField.isEmpty()) {
			throw new UnprocessableException(this);
		}
	}

}
