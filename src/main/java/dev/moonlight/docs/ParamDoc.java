package dev.moonlight.docs;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One request parameter as the catalog describes it: its wire name, JSON type and what
 * validation demands of it. Limits that do not apply are {@code null} and left out of the
 * JSON.
 *
 * @param name the wire name, snake_case as the envelope API binds it
 * @param type the JSON type: {@code string}, {@code integer}, {@code number},
 * {@code boolean}, {@code array} or {@code object}
 * @param format a refinement of the type: {@code int32}, {@code int64}, {@code date},
 * {@code date-time}, {@code email}, ...
 * @param required whether a request must send it ({@code @NotNull}, {@code @NotBlank},
 * {@code @NotEmpty}, a required table column)
 * @param minLength the least length of a string
 * @param maxLength the greatest length of a string
 * @param minItems the least size of an array
 * @param maxItems the greatest size of an array
 * @param minimum the least value of a number, inclusive
 * @param maximum the greatest value of a number, inclusive
 * @param exclusiveMinimum a bound the number must exceed
 * @param exclusiveMaximum a bound the number must stay under
 * @param pattern a regular expression the whole string must match
 * @param allowedValues the only values accepted (an enum, or a pattern that lists words)
 * @param items the element of an array
 * @param fields the components of a nested object
 * @param constraints the simple names of the constraint annotations that apply, for what
 * the fields above cannot say
 * @param description a sentence for what no field above can say (a generic service's sort
 * syntax)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ParamDoc(String name, String type, String format, boolean required, Integer minLength, Integer maxLength,
		Integer minItems, Integer maxItems, BigDecimal minimum, BigDecimal maximum, BigDecimal exclusiveMinimum,
		BigDecimal exclusiveMaximum, String pattern, List<String> allowedValues, ParamDoc items, List<ParamDoc> fields,
		List<String> constraints, String description) {

	public ParamDoc {
		allowedValues = (allowedValues != null) ? List.copyOf(allowedValues) : List.of();
		fields = (fields != null) ? List.copyOf(fields) : List.of();
		constraints = (constraints != null) ? List.copyOf(constraints) : List.of();
	}

}
