package dev.moonlight.generic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.moonlight.dispatch.FieldErrors;
import tools.jackson.databind.JsonNode;

/**
 * Converts request values to the Java type of their column. PostgreSQL will not compare a
 * {@code bigint} with a string parameter, so {@code "id": "1"} must become a {@code Long}
 * before it reaches JDBC; a value that cannot be converted becomes a Pionia-style message
 * ({@code id must be an integer}) instead of a database error.
 */
public final class Values {

	private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

	private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");

	private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

	private Values() {
	}

	/**
	 * The value of {@code node} as {@code type}, or {@code null} for a missing or JSON
	 * null node. When the value cannot be converted, a message for {@code field} is added
	 * to {@code errors} and {@code null} is returned.
	 */
	public static Object coerce(JsonNode node, Class<?> type, String field, FieldErrors errors) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isValueNode()) {
			errors.add(field, field + " must be a single value");
			return null;
		}
		Object value = convert(node, type);
		if (value == null) {
			errors.add(field, field + " " + expectation(type));
		}
		return value;
	}

	private static Object convert(JsonNode node, Class<?> type) {
		String text = node.asString().trim();
		if (type == String.class) {
			return node.isString() ? node.stringValue() : node.asString();
		}
		if (type == Long.class || type == Integer.class) {
			return integer(node, text, type == Integer.class);
		}
		try {
			if (type == BigDecimal.class) {
				return node.isNumber() ? node.decimalValue() : new BigDecimal(text);
			}
			if (type == LocalDate.class) {
				return node.isString() ? LocalDate.parse(text) : null;
			}
			if (type == OffsetDateTime.class) {
				return node.isString() ? OffsetDateTime.parse(text) : null;
			}
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return null;
		}
		if (type == Boolean.class) {
			return bool(node, text.toLowerCase(Locale.ROOT));
		}
		throw new IllegalArgumentException("Unsupported column type " + type.getName());
	}

	private static Object integer(JsonNode node, String text, boolean narrow) {
		long value;
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			value = node.longValue();
		}
		else if (node.isString() && INTEGER.matcher(text).matches()) {
			value = Long.parseLong(text);
		}
		else {
			return null;
		}
		if (narrow) {
			return (value == (int) value) ? Integer.valueOf((int) value) : null;
		}
		return value;
	}

	private static Boolean bool(JsonNode node, String text) {
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (TRUE.contains(text)) {
			return Boolean.TRUE;
		}
		return FALSE.contains(text) ? Boolean.FALSE : null;
	}

	private static String expectation(Class<?> type) {
		if (type == Long.class || type == Integer.class) {
			return "must be an integer";
		}
		if (type == BigDecimal.class) {
			return "must be a number";
		}
		if (type == Boolean.class) {
			return "must be a boolean";
		}
		if (type == LocalDate.class) {
			return "must be a valid date (YYYY-MM-DD)";
		}
		return "must be a valid date and time (ISO-8601 with offset)";
	}

}
