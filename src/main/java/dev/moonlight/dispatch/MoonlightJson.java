package dev.moonlight.dispatch;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire mapper of the envelope API, kept apart from the application's own {@code JsonMapper}: snake_case
 * property names (a record's {@code projectId} is {@code project_id} on the wire, as Pionia clients send it), and
 * unknown parameters ignored (every body also carries {@code service} and {@code action}).
 */
public record MoonlightJson(JsonMapper mapper) {

	public static MoonlightJson create() {
		return new MoonlightJson(JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build());
	}

}
