package dev.moonlight.dispatch;

import java.time.Instant;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The wire mapper of the envelope API, kept apart from the application's own {@code JsonMapper}: snake_case
 * property names (a record's {@code projectId} is {@code project_id} on the wire, as Pionia clients send it), and
 * unknown parameters ignored (every body also carries {@code service} and {@code action}), and no float bound to an
 * integer ({@code "id": 1.5} is a 422, never task 1; {@code "id": "1"} still binds, as form fields are all text). An
 * {@code Instant} is
 * written as its ISO-8601 text, as {@code Instant.toString()} gives it, by {@link IsoInstantSerializer}: Jackson's
 * own serializer and {@code toString()} made timestamps about half the cost of serialising a 50-row task list.
 */
public record MoonlightJson(JsonMapper mapper) {

	public static MoonlightJson create() {
		return new MoonlightJson(JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.addModule(new SimpleModule("moonlight-instants").addSerializer(Instant.class, new IsoInstantSerializer()))
			.build());
	}

}
