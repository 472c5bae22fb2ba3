package dev.moonlight.generic;

import java.util.List;
import java.util.Optional;

import dev.moonlight.dispatch.FieldErrors;
import org.junit.jupiter.api.Test;

import static dev.moonlight.generic.H2.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Page} and {@link PageRequest}: Pionia's pagination keys and where the request
 * may put them.
 */
class PageTests {

	@Test
	void aMiddlePageHasBothNeighbours() {
		Page<String> page = new Page<>(List.of("c", "d"), 2, 2, 5);
		assertThat(page.toMap("results")).containsEntry("next_offset", 4L)
			.containsEntry("prev_offset", 0L)
			.containsEntry("has_next", true)
			.containsEntry("has_previous", true)
			.containsEntry("results_count", 2);
	}

	@Test
	void theLastPageHasNoNextOffset() {
		Page<String> page = new Page<>(List.of("e"), 2, 4, 5);
		assertThat(page.toMap("tasks")).containsEntry("tasks", List.of("e"))
			.containsEntry("next_offset", null)
			.containsEntry("has_next", false)
			.containsEntry("prev_offset", 2L);
	}

	@Test
	void noLimitAndNoOffsetMeansNoPagination() {
		assertThat(request("{\"page\": 1}")).isEmpty();
	}

	@Test
	void aLimitAloneStartsAtOffsetZero() {
		assertThat(request("{\"limit\": 3}")).contains(new PageRequest(3, 0));
	}

	@Test
	void limitAndOffsetMayBeNestedOrUpperCase() {
		assertThat(request("{\"PAGINATION\": {\"limit\": \"4\", \"offset\": 8}}")).contains(new PageRequest(4, 8));
		assertThat(request("{\"search\": {\"LIMIT\": 4}}")).contains(new PageRequest(4, 0));
		assertThat(request("{\"OFFSET\": 6}")).contains(new PageRequest(10, 6));
	}

	@Test
	void badValuesAreReportedPerField() {
		FieldErrors errors = new FieldErrors();
		PageRequest.from(params("{\"limit\": 0, \"offset\": 1.5}"), 10, 100, errors);
		assertThat(errors.asMap()).containsEntry("limit", List.of("limit must be at least 1"))
			.containsEntry("offset", List.of("offset must be an integer"));
	}

	private static Optional<PageRequest> request(String json) {
		FieldErrors errors = new FieldErrors();
		Optional<PageRequest> request = PageRequest.from(params(json), 10, 100, errors);
		assertThat(errors.isEmpty()).as("no errors for %s", json).isTrue();
		return request;
	}

}
