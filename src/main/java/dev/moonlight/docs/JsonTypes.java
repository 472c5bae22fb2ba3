package dev.moonlight.docs;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON type of a Java type as Moonlight's mapper reads it: numbers, text, ISO-8601
 * dates (Jackson's default for {@code java.time}), arrays for collections, enum constants
 * by name, objects for records and maps.
 */
final class JsonTypes {

	private JsonTypes() {
	}

	static ParamBuilder describe(String name, Type type) {
		Class<?> raw = raw(type);
		if (raw.isArray() && raw != byte[].class) {
			return array(name, raw.getComponentType());
		}
		if (Collection.class.isAssignableFrom(raw)) {
			return array(name, typeArgument(type, 0));
		}
		if (raw == Optional.class) {
			return describe(name, typeArgument(type, 0));
		}
		if (raw.isEnum()) {
			return new ParamBuilder(name, "string", null).allowedValues(
					Arrays.stream(raw.getEnumConstants()).map((constant) -> ((Enum<?>) constant).name()).toList());
		}
		return scalar(name, raw);
	}

	private static ParamBuilder scalar(String name, Class<?> raw) {
		if (raw == String.class || raw == char.class || raw == Character.class || raw == byte[].class) {
			return new ParamBuilder(name, "string", (raw == byte[].class) ? "byte" : null);
		}
		if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class || raw == byte.class
				|| raw == Byte.class) {
			return new ParamBuilder(name, "integer", "int32");
		}
		if (raw == long.class || raw == Long.class) {
			return new ParamBuilder(name, "integer", "int64");
		}
		if (raw == BigInteger.class) {
			return new ParamBuilder(name, "integer", null);
		}
		if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
				|| raw == BigDecimal.class || Number.class.isAssignableFrom(raw)) {
			return new ParamBuilder(name, "number", null);
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return new ParamBuilder(name, "boolean", null);
		}
		if (raw == Object.class) {
			return new ParamBuilder(name, null, null);
		}
		return new ParamBuilder(name, textual(raw) ? "string" : "object", format(raw));
	}

	private static boolean textual(Class<?> raw) {
		return format(raw) != null;
	}

	private static String format(Class<?> raw) {
		if (raw == LocalDate.class) {
			return "date";
		}
		if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class
				|| raw == LocalDateTime.class) {
			return "date-time";
		}
		if (raw == LocalTime.class) {
			return "time";
		}
		if (raw == UUID.class) {
			return "uuid";
		}
		return null;
	}

	private static ParamBuilder array(String name, Type element) {
		return new ParamBuilder(name, "array", null).items(describe(null, element));
	}

	static Class<?> raw(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized) {
			return raw(parameterized.getRawType());
		}
		if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length > 0) {
			return raw(wildcard.getUpperBounds()[0]);
		}
		return Object.class;
	}

	static Type typeArgument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
			return parameterized.getActualTypeArguments()[index];
		}
		return Object.class;
	}

	/**
	 * Whether values of this type are JSON objects whose members can be listed (records).
	 */
	static boolean isRecord(Type type) {
		Class<?> raw = raw(type);
		return raw.isRecord() && !Map.class.isAssignableFrom(raw);
	}

}
