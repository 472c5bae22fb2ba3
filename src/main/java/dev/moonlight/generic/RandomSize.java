package dev.moonlight.generic;

import dev.moonlight.dispatch.FieldErrors;
import tools.jackson.databind.JsonNode;

/**
 * How many rows a {@code random} call asks for, read as Pionia reads it: {@code size},
 * else {@code limit} (either case, at the top level or under {@code pagination}), 1 when
 * neither is sent.
 */
final class RandomSize {

	private RandomSize() {
	}

	/**
	 * The requested size; a value that is not a whole number from 1 to {@code max} adds
	 * an error under the key the request used and answers 1.
	 */
	static int from(JsonNode params, int max, FieldErrors errors) {
		String field = "size";
		JsonNode node = PageRequest.find(params, field);
		if (node == null) {
			field = "limit";
			node = PageRequest.find(params, field);
		}
		if (node == null) {
			return 1;
		}
		FieldErrors found = new FieldErrors();
		Long size = (Long) Values.coerce(node, Long.class, field, found);
		if (found.isEmpty() && (size < 1 || size > max)) {
			found.add(field, field + " must be between 1 and " + max);
		}
		errors.addAll(found);
		return found.isEmpty() ? size.intValue() : 1;
	}

}
