package dev.moonlight.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts form fields into parameters the PHP way: {@code tags[]=a&tags[]=b} is an array, a
 * repeated key is too.
 */
final class FormFields {

	private FormFields() {
	}

	static void put(ObjectNode params, String key, String value) {
		boolean array = key.endsWith("[]");
		String name = array ? key.substring(0, key.length() - 2) : key;
		JsonNode existing = params.get(name);
		if (existing instanceof ArrayNode values) {
			values.add(value);
		}
		else if (existing != null) {
			ArrayNode values = params.arrayNode();
			values.add(existing);
			values.add(value);
			params.set(name, values);
		}
		else if (array) {
			params.putArray(name).add(value);
		}
		else {
			params.put(name, value);
		}
	}

}
