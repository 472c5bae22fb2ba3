package dev.moonlight.docs;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * Describes a parameter record from its components and the validator's metadata for them,
 * so what the catalog says is what {@code ParamsBinder} binds and validates: the same
 * snake_case names, the same Default-group constraints.
 */
final class ParamsReader {

	/**
	 * Nested records are described this deep; a record that contains itself stops there.
	 */
	private static final int MAX_DEPTH = 4;

	private final Validator validator;

	ParamsReader(Validator validator) {
		this.validator = validator;
	}

	/** The components of a record, in declaration order; nothing for other classes. */
	List<ParamDoc> read(Class<?> type) {
		return read(type, true, 0);
	}

	private List<ParamDoc> read(Class<?> type, boolean validated, int depth) {
		if (!type.isRecord() || depth > MAX_DEPTH) {
			return List.of();
		}
		BeanDescriptor bean = validated ? validator.getConstraintsForClass(type) : null;
		List<ParamDoc> params = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			ParamBuilder param = JsonTypes.describe(wireName(component), component.getGenericType());
			PropertyDescriptor property = (bean != null) ? bean.getConstraintsForProperty(component.getName()) : null;
			if (property != null) {
				constraints(property).forEach((constraint) -> ConstraintFacts.apply(constraint, param));
				containerElements(property, param);
			}
			if (JsonTypes.isRecord(component.getGenericType())) {
				boolean cascaded = property != null && property.isCascaded();
				param.fields(read(component.getType(), cascaded, depth + 1));
			}
			params.add(param.build());
		}
		return params;
	}

	private static List<ConstraintDescriptor<?>> constraints(PropertyDescriptor property) {
		return ConstraintFacts
			.sorted(property.findConstraints().unorderedAndMatchingGroups(Default.class).getConstraintDescriptors());
	}

	/**
	 * {@code List<@NotBlank String>}: the element's constraints describe the array's
	 * items.
	 */
	private static void containerElements(PropertyDescriptor property, ParamBuilder param) {
		if (param.items() == null) {
			return;
		}
		for (ContainerElementTypeDescriptor element : property.getConstrainedContainerElementTypes()) {
			ConstraintFacts
				.sorted(element.findConstraints().unorderedAndMatchingGroups(Default.class).getConstraintDescriptors())
				.forEach((constraint) -> ConstraintFacts.apply(constraint, param.items()));
		}
	}

	/**
	 * The name Moonlight's mapper binds the component from: its {@code @JsonProperty},
	 * else snake_case.
	 */
	static String wireName(RecordComponent component) {
		// @JsonProperty does not target record components; Java copies it to the
		// accessor, where Jackson finds it.
		JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
		if (renamed != null && !renamed.value().isEmpty()) {
			return renamed.value();
		}
		return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, component.getName());
	}

}
