package studio.northwind.deskflow.task;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import studio.northwind.deskflow.DeskFlowDataTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jakarta constraints of the task parameter records, run by Spring's validator so
 * that {@code @ExistingProject} sees the database.
 */
@DeskFlowDataTest
class TaskParamsTests {

	@Autowired
	private Validator validator;

	@Test
	void validCreateParamsPass() {
		assertThat(messages(new CreateTaskParams("Ship DeskFlow docs", "All 15 steps", "in_progress",
				"jamie@northwind.studio", 1L, LocalDate.of(2026, 6, 1))))
			.isEmpty();
		assertThat(messages(new CreateTaskParams("Ship", null, null, null, null, null))).isEmpty();
	}

	@Test
	void createWithoutTitleSaysTitleIsRequired() {
		assertThat(messages(new CreateTaskParams(null, null, "open", null, null, null)))
			.containsExactlyEntriesOf(Map.of("title", List.of("title is required")));
		assertThat(messages(new CreateTaskParams("   ", null, null, null, null, null)))
			.as("a blank title gets one message, not a length complaint too")
			.containsExactlyEntriesOf(Map.of("title", List.of("title is required")));
	}

	@Test
	void createReportsEveryFailingFieldAtOnce() {
		Map<String, List<String>> messages = messages(
				new CreateTaskParams("ab", "x".repeat(2001), "later", "not-an-email", 999L, null));
		assertThat(messages).containsOnlyKeys("title", "description", "status", "assignee", "projectId");
		assertThat(messages.get("title")).containsExactly("title must be between 3 and 200 characters");
		assertThat(messages.get("description")).containsExactly("description must not exceed 2000 characters");
		assertThat(messages.get("status")).containsExactly("status must be one of: open, in_progress, done, archived");
		assertThat(messages.get("assignee")).containsExactly("assignee must be a valid email address");
		assertThat(messages.get("projectId")).containsExactly("project_id does not match an existing project");
	}

	@Test
	void aTitleOver200CharactersIsRefused() {
		assertThat(messages(new CreateTaskParams("x".repeat(201), null, null, null, null, null))).containsKey("title");
		assertThat(messages(new CreateTaskParams("x".repeat(200), null, null, null, null, null))).isEmpty();
	}

	@Test
	void updateNeedsAnIdButNoTitle() {
		assertThat(messages(new UpdateTaskParams(1L, null, null, "done", null, null, null))).isEmpty();
		assertThat(messages(new UpdateTaskParams(null, "", null, "closed", null, 7L, null))).containsOnlyKeys("id",
				"title", "status", "projectId");
	}

	@Test
	void getAndDeleteNeedAnId() {
		assertThat(messages(new TaskIdParams(null))).containsExactlyEntriesOf(Map.of("id", List.of("id is required")));
	}

	/**
	 * Messages by property; each must start with its wire name, as Pionia's messages do.
	 */
	private Map<String, List<String>> messages(Object params) {
		Set<ConstraintViolation<Object>> violations = validator.validate(params);
		violations.forEach((violation) -> assertThat(violation.getMessage())
			.startsWith(wireName(violation.getPropertyPath().toString())));
		return violations.stream()
			.collect(Collectors.groupingBy((violation) -> violation.getPropertyPath().toString(), TreeMap::new,
					Collectors.mapping(ConstraintViolation::getMessage, Collectors.toList())));
	}

	private static String wireName(String property) {
		return property.replaceAll("([A-Z])", "_$1").toLowerCase();
	}

}
