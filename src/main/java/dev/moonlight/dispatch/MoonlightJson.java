package dev.moonlight.dispatch;

import java.time.Instant;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * The wire mapper of the envelope API, kept apart from the application's own {@code JsonMapper}: snake_case
 * property names (a record's {@code projectId} is {@code project_id} on the wire, as Pionia clients send it), and
 * unknown parameters ignored (every body also carries {@code service} and {@code action}). An {@code Instant} is
 * written as its ISO-8601 text, as Jackson's own serializer writes it, without the per-value feature lookups that
 * made timestamps about half the cost of serialising a 50-row task list.
 */
public record MoonlightJson(JsonMapper mapper) {

	public static MoonlightJson create() {
		return new MoonlightJson(JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.addModule(new SimpleModule("moonlight-instants").addSerializer(Instant.class, ToStringSerializer.instance))
			.build());
	}

}
