package dev.moonlight.generic;

import java.util.List;

import dev.moonlight.dispatch.FieldErrors;
import org.junit.jupiter.api.Test;

import static dev.moonlight.generic.H2.params;
import static org.assertj.core.api.Assertions.assertThat;

class SortTests {

	private static final List<String> ALLOWED = List.of("id", "title", "due_date");

	@Test
	void withoutSortOrdersByTheTieBreaker() {
		assertThat(sort("{}").toSql()).isEqualTo("id ASC");
	}

	@Test
	void minusMeansDescendingAndTheKeyBreaksTies() {
		assertThat(sort("{\"sort\": \"-due_date, title\"}").toSql()).isEqualTo("due_date DESC, title ASC, id ASC");
	}

	@Test
	void anArrayAndTheUpperCaseKeyAreAccepted() {
		assertThat(sort("{\"SORT\": [\"-id\", \"title\"]}").toSql()).isEqualTo("id DESC, title ASC");
	}

	@Test
	void unknownColumnsAreReportedTogetherUnderSort() {
		FieldErrors errors = new FieldErrors();
		Sort.from(params("{\"sort\": \"secret,-password, title\"}"), ALLOWED, "id", errors);
		assertThat(errors.asMap().get("sort"))
			.containsExactly("sort must be one of: id, title, due_date; cannot sort by secret, password");
	}

	@Test
	void aNonTextSortIsReported() {
		FieldErrors errors = new FieldErrors();
		Sort.from(params("{\"sort\": {\"id\": 1}}"), ALLOWED, "id", errors);
		assertThat(errors.has("sort")).isTrue();
	}

	@Test
	void aColumnNamedTwiceIsReportedOnce() {
		FieldErrors errors = new FieldErrors();
		Sort.from(params("{\"sort\": \"id, -title, +id, title, id\"}"), ALLOWED, "id", errors);
		assertThat(errors.asMap().get("sort")).containsExactly("sort names a column more than once: id, title");
	}

	@Test
	void moreThanMaxTermsAreRefusedWithoutReadingThemAll() {
		FieldErrors errors = new FieldErrors();
		Sort.from(params("{\"sort\": [\"id,title\", \"due_date\", \"a,b\", \"c,d\"]}"), ALLOWED, "id", errors);
		assertThat(errors.asMap().get("sort")).containsExactly("sort takes at most 5 terms");
		assertThat(sort("{\"sort\": \" , ,,-due_date,,\"}").toSql()).isEqualTo("due_date DESC, id ASC");
	}

	private static Sort sort(String json) {
		FieldErrors errors = new FieldErrors();
		Sort sort = Sort.from(params(json), ALLOWED, "id", errors);
		assertThat(errors.isEmpty()).as("no errors for %s", json).isTrue();
		return sort;
	}

}
