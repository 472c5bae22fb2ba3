package studio.northwind.deskflow.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.moonlight.dispatch.NotFoundException;
import studio.northwind.deskflow.task.Task;

/**
 * Counts tasks per status in one grouped query, for {@code project.summary}. Every status
 * is present in the answer, with 0 when no task has it, so clients need not know which
 * statuses exist.
 */
@Repository
class ProjectSummaryQuery {

	private static final String ALL_TASKS = "SELECT status, COUNT(*) AS tasks FROM tasks GROUP BY status";

	/**
	 * From the project, so an unknown id yields no row at all (404) and a project without
	 * tasks one row whose status is NULL with a count of 0: existence and counts in the
	 * same round trip.
	 */
	private static final String ONE_PROJECT = "SELECT t.status AS status, COUNT(t.id) AS tasks FROM projects p"
			+ " LEFT JOIN tasks t ON t.project_id = p.id WHERE p.id = :id GROUP BY t.status";

	private final JdbcClient jdbc;

	ProjectSummaryQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param projectId the project, or {@code null} for all tasks
	 * @return {@code project_id}, {@code total} and {@code tasks_per_status} (every
	 * status, in the order of {@link Task#STATUSES})
	 * @throws NotFoundException when the project does not exist
	 */
	Map<String, Object> summarise(Long projectId) {
		List<Map<String, Object>> rows = (projectId == null) ? jdbc.sql(ALL_TASKS).query().listOfRows()
				: jdbc.sql(ONE_PROJECT).param("id", projectId).query().listOfRows();
		if (projectId != null && rows.isEmpty()) {
			throw new NotFoundException("Project with id " + projectId + " not found");
		}
		Map<String, Long> perStatus = new LinkedHashMap<>();
		Task.STATUSES.forEach((status) -> perStatus.put(status, 0L));
		long total = 0;
		for (Map<String, Object> row : rows) {
			long count = ((Number) row.get("tasks")).longValue();
			if (row.get("status") != null) {
				perStatus.put((String) row.get("status"), count);
				total += count;
			}
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("project_id", projectId);
		summary.put("total", total);
		summary.put("tasks_per_status", perStatus);
		return summary;
	}

}
