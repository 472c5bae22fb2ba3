package dev.moonlight.docs;

import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the catalog over the wire and finds actions and parameters in it, for assertions.
 */
public final class CatalogJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonNode envelope;

	private CatalogJson(JsonNode envelope) {
		this.envelope = envelope;
	}

	/** {@code GET /api/{version}/__catalog}, which must answer 200. */
	public static CatalogJson fetch(RunningApp app, String version) {
		return new CatalogJson(MAPPER.readTree(app.text("/api/" + version + "/__catalog")));
	}

	public static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	public JsonNode envelope() {
		return envelope;
	}

	public JsonNode action(String service, String action) {
		for (JsonNode serviceNode : envelope.path("returnData").path("services")) {
			if (serviceNode.path("service").asString().equals(service)) {
				for (JsonNode actionNode : serviceNode.path("actions")) {
					if (actionNode.path("action").asString().equals(action)) {
						return actionNode;
					}
				}
			}
		}
		throw new AssertionError("The catalog has no action " + service + "." + action + ": " + envelope);
	}

	public JsonNode param(String service, String action, String param) {
		for (JsonNode node : action(service, action).path("params")) {
			if (node.path("name").asString().equals(param)) {
				return node;
			}
		}
		throw new AssertionError(
				service + "." + action + " has no parameter " + param + ": " + action(service, action));
	}

}
