package dev.moonlight.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects what is learnt about one parameter (its type first, then each constraint)
 * before it becomes an immutable {@link ParamDoc}. Where two constraints both set a
 * limit, the stricter one wins, as validation does.
 */
final class ParamBuilder {

	private final String name;

	private final String type;

	private String format;

	private boolean required;

	private Integer minLength;

	private Integer maxLength;

	private BigDecimal minimum;

	private BigDecimal maximum;

	private BigDecimal exclusiveMinimum;

	private BigDecimal exclusiveMaximum;

	private String pattern;

	private List<String> allowedValues;

	private ParamBuilder items;

	private List<ParamDoc> fields;

	private final Set<String> constraints = new LinkedHashSet<>();

	private String description;

	ParamBuilder(String name, String type, String format) {
		this.name = name;
		this.type = type;
		this.format = format;
	}

	String type() {
		return type;
	}

	ParamBuilder format(String format) {
		this.format = format;
		return this;
	}

	ParamBuilder required() {
		this.required = true;
		return this;
	}

	/** A string's length or an array's size, as {@code @Size} means it for either. */
	void size(Integer min, Integer max) {
		if (min != null && min > 0 && (minLength == null || min > minLength)) {
			minLength = min;
		}
		if (max != null && max < Integer.MAX_VALUE && (maxLength == null || max < maxLength)) {
			maxLength = max;
		}
	}

	void minimum(BigDecimal value, boolean inclusive) {
		if (inclusive) {
			minimum = (minimum == null || value.compareTo(minimum) > 0) ? value : minimum;
		}
		else {
			exclusiveMinimum = (exclusiveMinimum == null || value.compareTo(exclusiveMinimum) > 0) ? value
					: exclusiveMinimum;
		}
	}

	void maximum(BigDecimal value, boolean inclusive) {
		if (inclusive) {
			maximum = (maximum == null || value.compareTo(maximum) < 0) ? value : maximum;
		}
		else {
			exclusiveMaximum = (exclusiveMaximum == null || value.compareTo(exclusiveMaximum) < 0) ? value
					: exclusiveMaximum;
		}
	}

	void pattern(String regexp) {
		this.pattern = regexp;
	}

	ParamBuilder allowedValues(List<String> values) {
		this.allowedValues = values;
		return this;
	}

	ParamBuilder items(ParamBuilder element) {
		this.items = element;
		return this;
	}

	ParamBuilder items() {
		return items;
	}

	ParamBuilder fields(List<ParamDoc> components) {
		this.fields = components;
		return this;
	}

	ParamBuilder description(String sentence) {
		this.description = sentence;
		return this;
	}

	void constraint(String simpleName) {
		constraints.add(simpleName);
	}

	boolean isArray() {
		return "array".equals(type);
	}

	ParamDoc build() {
		boolean array = isArray();
		return new ParamDoc(name, type, format, required, array ? null : minLength, array ? null : maxLength,
				array ? minLength : null, array ? maxLength : null, minimum, maximum, exclusiveMinimum,
				exclusiveMaximum, pattern, allowedValues, (items != null) ? items.build() : null, fields,
				new ArrayList<>(constraints), description);
	}

}
