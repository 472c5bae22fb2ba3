package dev.moonlight.generic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import dev.moonlight.dispatch.FieldErrors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.moonlight.generic.H2.params;
import static org.assertj.core.api.Assertions.assertThat;

class ValuesTests {

	@Test
	void numbersAcceptJsonNumbersAndNumericText() {
		assertThat(coerce("7", Long.class)).isEqualTo(7L);
		assertThat(coerce("\" 7 \"", Long.class)).isEqualTo(7L);
		assertThat(coerce("7", Integer.class)).isEqualTo(7);
		assertThat(coerce("\"2.50\"", BigDecimal.class)).isEqualTo(new BigDecimal("2.50"));
	}

	@Test
	void textAcceptsAnyScalar() {
		assertThat(coerce("42", String.class)).isEqualTo("42");
		assertThat(coerce("\" padded \"", String.class)).as("text is kept as sent").isEqualTo(" padded ");
	}

	@Test
	void booleansAndDatesHaveTheirUsualSpellings() {
		assertThat(coerce("\"yes\"", Boolean.class)).isEqualTo(true);
		assertThat(coerce("false", Boolean.class)).isEqualTo(false);
		assertThat(coerce("\"2026-03-01\"", LocalDate.class)).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(coerce("\"2026-03-01T10:00:00+02:00\"", OffsetDateTime.class))
			.isEqualTo(OffsetDateTime.parse("2026-03-01T10:00:00+02:00"));
	}

	@Test
	void nullAndMissingAreNullWithoutAnError() {
		assertThat(coerce("null", Long.class)).isNull();
		FieldErrors errors = new FieldErrors();
		assertThat(Values.coerce(null, Long.class, "id", errors)).isNull();
		assertThat(errors.isEmpty()).isTrue();
	}

	@Test
	void impossibleValuesBecomeMessagesNamingTheField() {
		assertThat(message("1.5", Long.class)).isEqualTo("value must be an integer");
		assertThat(message("3000000000", Integer.class)).isEqualTo("value must be an integer");
		assertThat(message("\"maybe\"", Boolean.class)).isEqualTo("value must be a boolean");
		assertThat(message("\"31/12/2026\"", LocalDate.class)).isEqualTo("value must be a valid date (YYYY-MM-DD)");
		assertThat(message("[1, 2]", String.class)).isEqualTo("value must be a single value");
	}

	private static Object coerce(String json, Class<?> type) {
		FieldErrors errors = new FieldErrors();
		Object value = Values.coerce(node(json), type, "value", errors);
		assertThat(errors.isEmpty()).as("%s converts to %s", json, type.getSimpleName()).isTrue();
		return value;
	}

	private static String message(String json, Class<?> type) {
		FieldErrors errors = new FieldErrors();
		Values.coerce(node(json), type, "value", errors);
		List<String> messages = errors.asMap().get("value");
		assertThat(messages).as("%s is not a %s", json, type.getSimpleName()).hasSize(1);
		return messages.get(0);
	}

	private static JsonNode node(String json) {
		return params("{\"value\": " + json + "}").get("value");
	}

}
