package dev.moonlight.dispatch;

import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.temporal.Temporal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds an action's parameter record from the request parameters, then validates it. Both
 * steps report every failing field as a 422, keyed by its wire (snake_case) name and
 * ordered as the record declares its components. A component Jackson cannot build (an
 * interface without type information, say) is the server's fault: a value for it is a
 * logged 500.
 */
final class ParamsBinder {

	private final Class<?> type;

	private final ObjectReader reader;

	private final Validator validator;

	private final Map<String, String> wireNames;

	private final Map<String, Integer> declarationOrder;

	ParamsBinder(Class<?> type, ObjectReader reader, Validator validator) {
		this.type = type;
		this.reader = reader;
		this.validator = validator;
		this.wireNames = new HashMap<>();
		this.declarationOrder = new HashMap<>();
		RecordComponent[] components = type.isRecord() ? type.getRecordComponents() : new RecordComponent[0];
		for (int i = 0; i < components.length; i++) {
			String wire = wire(components[i].getName());
			wireNames.put(components[i].getName(), wire);
			declarationOrder.put(wire, i);
		}
	}

	Class<?> type() {
		return type;
	}

	Object bind(ObjectNode params) {
		Object value = read(params);
		Set<ConstraintViolation<Object>> violations = validator.validate(value);
		if (!violations.isEmpty()) {
			throw new UnprocessableException(collect(violations));
		}
		return value;
	}

	private Object read(ObjectNode params) {
		try {
			return reader.readValue(params);
		}
		catch (InvalidDefinitionException ex) {
			// The record has a type Jackson cannot make (an interface, say): the
			// server's fault, not the caller's, so a 500 and a logged error.
			throw ex;
		}
		catch (MismatchedInputException ex) {
			throw UnprocessableException.of(fieldOf(ex), describe(ex.getTargetType()));
		}
		catch (JacksonException ex) {
			throw UnprocessableException.of(fieldOf(ex), "has an invalid value");
		}
	}

	private FieldErrors collect(Set<ConstraintViolation<Object>> violations) {
		List<ConstraintViolation<Object>> sorted = violations.stream()
			.sorted(Comparator.comparingInt((ConstraintViolation<Object> v) -> order(wireName(v.getPropertyPath())))
				.thenComparing((v) -> v.getPropertyPath().toString())
				.thenComparing(ConstraintViolation::getMessage))
			.toList();
		FieldErrors errors = new FieldErrors();
		sorted.forEach((violation) -> errors.add(wireName(violation.getPropertyPath()), violation.getMessage()));
		return errors;
	}

	private String wireName(Path path) {
		String java = path.toString();
		int end = indexOfEnd(java);
		String root = java.substring(0, end);
		return wireNames.getOrDefault(root, wire(root)) + java.substring(end);
	}

	/**
	 * The wire name Jackson binds a Java property from, so errors name exactly what the
	 * client sent.
	 */
	private static String wire(String javaName) {
		return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, javaName);
	}

	private static int indexOfEnd(String path) {
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '.' || c == '[') {
				return i;
			}
		}
		return path.length();
	}

	private int order(String wireName) {
		return declarationOrder.getOrDefault(wireName.split("[.\\[]", 2)[0], Integer.MAX_VALUE);
	}

	private String fieldOf(JacksonException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? type.getSimpleName() : field.toString();
	}

	private static String describe(Class<?> target) {
		if (target == null) {
			return "has an invalid value";
		}
		if (target == Integer.class || target == int.class || target == Long.class || target == long.class
				|| target == Short.class || target == short.class) {
			return "must be an integer";
		}
		if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
			return "must be a number";
		}
		if (target == Boolean.class || target == boolean.class) {
			return "must be a boolean";
		}
		if (target == String.class) {
			return "must be a string";
		}
		if (Temporal.class.isAssignableFrom(target)) {
			return "must be a date in ISO-8601 form, such as 2026-11-22";
		}
		if (List.class.isAssignableFrom(target) || target.isArray() || Set.class.isAssignableFrom(target)) {
			return "must be an array";
		}
		return "has an invalid value";
	}

}
