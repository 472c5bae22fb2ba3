package studio.northwind.deskflow.project;

import java.util.List;
import java.util.Map;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.dispatch.UnprocessableException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import studio.northwind.deskflow.DeskFlowDataTest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.northwind.deskflow.SeededCallers.ALEX;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The generic {@code project} service on the seeded database. */
@DeskFlowDataTest
class ProjectServiceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private ProjectService projects;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void listAnswersThePlainArrayOfSeededProjects() {
		List<Map<String, Object>> rows = rows(projects.list(params("{}")));
		assertThat(rows).extracting((row) -> row.get("name")).containsExactly("Website relaunch", "Client onboarding");
		assertThat(rows.get(0)).containsOnlyKeys("id", "name", "description", "owner", "created_at");
	}

	@Test
	void listWithLimitAnswersResultsAndPaginationKeys() {
		Map<String, Object> page = map(projects.list(params("{\"limit\": 1, \"sort\": \"-name\"}")));
		assertThat(rows(page.get("results"))).extracting((row) -> row.get("name")).containsExactly("Website relaunch");
		assertThat(page).containsEntry("total_count", 2L)
			.containsEntry("next_offset", 1L)
			.containsEntry("has_next", true);
	}

	@Test
	void listFiltersByOwnerOnly() {
		assertThat(rows(projects.list(params("{\"owner\": \"jamie@northwind.studio\"}")))).isEmpty();
		assertThat(rows(projects.list(params("{\"name\": \"Client onboarding\"}")))).as("name is not a filter")
			.hasSize(2);
	}

	@Test
	void detailsAnswersOneProjectAndNamesAMissingId() {
		assertThat(projects.retrieve(params("{\"id\": \"2\"}"))).containsEntry("name", "Client onboarding");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> projects.retrieve(params("{\"id\": 9}")))
			.withMessage("Project with id 9 not found");
	}

	@Test
	void createTakesNameAndOptionalColumns() {
		Map<String, Object> created = projects
			.create(params("{\"name\": \"Brand refresh\", \"owner\": \"jamie@northwind.studio\"}"), ALEX);
		assertThat(created).containsEntry("name", "Brand refresh")
			.containsEntry("description", null)
			.containsEntry("owner", "jamie@northwind.studio");
		assertThat((Long) created.get("id")).isGreaterThan(2L);
	}

	@Test
	void createReportsEveryFailingField() {
		UnprocessableException ex = catchThrowableOfType(UnprocessableException.class, () -> projects
			.create(params("{\"description\": \"" + "x".repeat(2001) + "\", \"owner\": \"alex\"}"), ALEX));
		assertThat(ex.errors().asMap()).containsOnlyKeys("name", "description", "owner");
		assertThat(ex.getMessage()).isEqualTo("name is required");
	}

	@Test
	void updateSaysProjectUpdatedSuccessfully() {
		Envelope envelope = projects.update(params("{\"id\": 1, \"description\": \"Launch in June\"}"), ALEX);
		assertThat(envelope.returnMessage()).isEqualTo("Project updated successfully");
		assertThat(map(envelope.returnData())).containsEntry("description", "Launch in June")
			.containsEntry("name", "Website relaunch");
		assertThatExceptionOfType(UnprocessableException.class)
			.isThrownBy(() -> projects.update(params("{\"id\": 1, \"name\": null}"), ALEX))
			.withMessage("name is required");
	}

	@Test
	void summaryCountsTasksPerStatusWithEveryStatusPresent() {
		assertThat(projects.summary(new SummaryParams(null))).containsEntry("project_id", null)
			.containsEntry("total", 3L)
			.containsEntry("tasks_per_status", Map.of("open", 2L, "in_progress", 0L, "done", 1L, "archived", 0L));
		jdbc.sql("INSERT INTO tasks (title, status, project_id) VALUES ('a', 'open', 2), ('b', 'archived', 2),"
				+ " ('c', 'archived', 2)")
			.update();
		Map<String, Object> summary = projects.summary(new SummaryParams(2L));
		assertThat(summary).containsEntry("project_id", 2L).containsEntry("total", 3L);
		assertThat(map(summary.get("tasks_per_status"))).containsExactly(Map.entry("open", 1L),
				Map.entry("in_progress", 0L), Map.entry("done", 0L), Map.entry("archived", 2L));
	}

	@Test
	void summaryOfAProjectWithoutTasksIsZerosAndOfAnUnknownOneIs404() {
		assertThat(projects.summary(new SummaryParams(1L))).containsEntry("total", 0L)
			.containsEntry("tasks_per_status", Map.of("open", 0L, "in_progress", 0L, "done", 0L, "archived", 0L));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> projects.summary(new SummaryParams(9L)))
			.withMessage("Project with id 9 not found");
	}

	@Test
	void deleteSaysProjectDeletedSuccessfullyAndUnfilesItsTasks() {
		jdbc.sql("UPDATE tasks SET project_id = 2 WHERE id = 1").update();
		Envelope envelope = projects.delete(params("{\"id\": 2}"), ALEX);
		assertThat(envelope.returnMessage()).isEqualTo("Project deleted successfully");
		assertThat(map(envelope.returnData())).containsEntry("name", "Client onboarding");
		assertThat(jdbc.sql("SELECT project_id FROM tasks WHERE id = 1").query(Long.class).optional()).isEmpty();
	}

	private static ObjectNode params(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rows(Object data) {
		return (List<Map<String, Object>>) data;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object data) {
		return (Map<String, Object>) data;
	}

}
