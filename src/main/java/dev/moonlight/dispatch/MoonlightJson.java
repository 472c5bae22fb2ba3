package dev.moonlight.dispatch;

import java.time.Instant;
import java.util.Locale;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The wire mapper of the envelope API, kept apart from the application's own
 * {@code JsonMapper}: snake_case property names (a record's {@code projectId} is
 * {@code project_id} on the wire, as Pionia clients send it), and unknown parameters
 * ignored (every body also carries {@code service} and {@code action}), and no float
 * bound to an integer ({@code "id": 1.5} is a 422, never task 1; {@code "id": "1"} still
 * binds, as form fields are all text). An {@code Instant} is written as its ISO-8601
 * text, as {@code Instant.toString()} gives it, by {@link IsoInstantSerializer}:
 * Jackson's own serializer and {@code toString()} made timestamps about half the cost of
 * serialising a 50-row task list.
 */
public record MoonlightJson(JsonMapper mapper) {

	/**
	 * Deepest nesting of arrays and objects a request may send; envelope parameters need
	 * a handful.
	 */
	public static final int MAX_DEPTH = 100;

	/**
	 * Most JSON values (names, scalars, brackets) in one request: a 10 MB body of a
	 * million keys would hold the heap several times its size as a tree.
	 */
	public static final long MAX_TOKENS = 1_000_000;

	public static MoonlightJson create() {
		StreamReadConstraints limits = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_DEPTH)
			.maxTokenCount(MAX_TOKENS)
			.build();
		return new MoonlightJson(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.addModule(new SimpleModule("moonlight-instants").addSerializer(Instant.class, new IsoInstantSerializer()))
			.build());
	}

	/**
	 * Which limit a document broke, in words a client can act on, without Jackson's
	 * internals.
	 */
	static String limit(StreamConstraintsException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		String lower = message.toLowerCase(Locale.ROOT);
		if (lower.contains("nesting depth")) {
			return "arrays and objects nest deeper than " + MAX_DEPTH + " levels";
		}
		if (lower.contains("token count")) {
			return "more than " + MAX_TOKENS + " values and names";
		}
		int detail = message.indexOf(" (from `");
		return (detail > 0) ? message.substring(0, detail) + ")" : message;
	}

}
