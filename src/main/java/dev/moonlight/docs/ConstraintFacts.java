package dev.moonlight.docs;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.ConstraintDescriptor;

/**
 * Turns Jakarta constraints into parameter facts. The standard constraints are read by
 * type; a custom constraint is read through the standard ones it is composed of, and
 * through its own attributes when they are named as the standard ones name theirs
 * ({@code required}, {@code min}, {@code max}, {@code regexp}, as in Hibernate's
 * {@code @Length} and {@code @Range}), because its validator's logic cannot be read.
 */
final class ConstraintFacts {

	/**
	 * {@code open|in_progress|done}, optionally anchored or grouped: a pattern that lists
	 * the allowed words.
	 */
	private static final Pattern WORD_LIST = Pattern.compile("\\^?\\(?(?:\\?:)?([\\w-]+(?:\\|[\\w-]+)+)\\)?\\$?");

	private ConstraintFacts() {
	}

	static void apply(ConstraintDescriptor<?> descriptor, ParamBuilder param) {
		Annotation annotation = descriptor.getAnnotation();
		param.constraint(annotation.annotationType().getSimpleName());
		if (!standard(annotation, param)) {
			byConvention(descriptor.getAttributes(), param);
		}
		sorted(descriptor.getComposingConstraints()).forEach((composing) -> apply(composing, param));
	}

	/**
	 * The validator hands out sets; sorted by annotation name, the catalog reads the same
	 * on every boot.
	 */
	static List<ConstraintDescriptor<?>> sorted(Set<ConstraintDescriptor<?>> descriptors) {
		List<ConstraintDescriptor<?>> list = new ArrayList<>(descriptors);
		list.sort(Comparator.comparing((ConstraintDescriptor<?> d) -> d.getAnnotation().annotationType().getName()));
		return list;
	}

	private static boolean standard(Annotation annotation, ParamBuilder param) {
		if (annotation instanceof NotNull) {
			param.required();
		}
		else if (annotation instanceof NotBlank || annotation instanceof NotEmpty) {
			param.required().size(1, null);
		}
		else if (annotation instanceof Size size) {
			param.size(size.min(), size.max());
		}
		else if (annotation instanceof Min min) {
			param.minimum(BigDecimal.valueOf(min.value()), true);
		}
		else if (annotation instanceof Max max) {
			param.maximum(BigDecimal.valueOf(max.value()), true);
		}
		else if (annotation instanceof DecimalMin min) {
			param.minimum(new BigDecimal(min.value()), min.inclusive());
		}
		else if (annotation instanceof DecimalMax max) {
			param.maximum(new BigDecimal(max.value()), max.inclusive());
		}
		else {
			return sign(annotation, param) || textual(annotation, param);
		}
		return true;
	}

	private static boolean sign(Annotation annotation, ParamBuilder param) {
		if (annotation instanceof Positive) {
			param.minimum(BigDecimal.ZERO, false);
		}
		else if (annotation instanceof PositiveOrZero) {
			param.minimum(BigDecimal.ZERO, true);
		}
		else if (annotation instanceof Negative) {
			param.maximum(BigDecimal.ZERO, false);
		}
		else if (annotation instanceof NegativeOrZero) {
			param.maximum(BigDecimal.ZERO, true);
		}
		else {
			return false;
		}
		return true;
	}

	private static boolean textual(Annotation annotation, ParamBuilder param) {
		if (annotation instanceof jakarta.validation.constraints.Pattern pattern) {
			pattern(pattern.regexp(), param);
		}
		else if (annotation instanceof Email email) {
			param.format("email");
			if (!".*".equals(email.regexp())) {
				param.pattern(email.regexp());
			}
		}
		else {
			return false;
		}
		return true;
	}

	private static void pattern(String regexp, ParamBuilder param) {
		param.pattern(regexp);
		Matcher words = WORD_LIST.matcher(regexp);
		if (words.matches()) {
			param.allowedValues(List.of(words.group(1).split("\\|")));
		}
	}

	/** A custom constraint's attributes named as the standard constraints name theirs. */
	private static void byConvention(Map<String, Object> attributes, ParamBuilder param) {
		if (Boolean.TRUE.equals(attributes.get("required"))) {
			param.required();
		}
		BigDecimal min = number(attributes.get("min"));
		BigDecimal max = number(attributes.get("max"));
		if ("string".equals(param.type()) || param.isArray()) {
			param.size(asInt(min), asInt(max));
		}
		else if ("integer".equals(param.type()) || "number".equals(param.type())) {
			if (min != null && min.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) > 0) {
				param.minimum(min, true);
			}
			if (max != null && max.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
				param.maximum(max, true);
			}
		}
		if (attributes.get("regexp") instanceof String regexp && !regexp.isEmpty() && !".*".equals(regexp)) {
			pattern(regexp, param);
		}
	}

	private static BigDecimal number(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			return BigDecimal.valueOf(((Number) value).longValue());
		}
		if (value instanceof String text) {
			try {
				return new BigDecimal(text);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static Integer asInt(BigDecimal value) {
		if (value == null) {
			return null;
		}
		return (value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0) ? Integer.MAX_VALUE : value.intValue();
	}

}
