package studio.northwind.deskflow.task;

import java.util.List;

import dev.moonlight.dispatch.FieldErrors;
import dev.moonlight.generic.PageRequest;
import dev.moonlight.generic.Sort;
import dev.moonlight.generic.Values;
import tools.jackson.databind.JsonNode;

/**
 * What {@code task.list} asks for: equality filters, an order, and optionally a page.
 * Read from the raw parameters because Pionia lets {@code limit}/{@code offset} hide
 * under {@code pagination} or {@code search}.
 *
 * @param status only tasks with this status, or {@code null} for all
 * @param assignee only tasks assigned to this email, or {@code null} for all
 * @param projectId only tasks of this project, or {@code null} for all
 * @param sort the order; by id unless the request says otherwise
 * @param page the page asked for, or {@code null} for a plain list
 */
record TaskQuery(String status, String assignee, Long projectId, Sort sort, PageRequest page) {

	static final List<String> SORTABLE = List.of("id", "title", "status", "due_date", "created_at", "updated_at");

	static final int DEFAULT_LIMIT = 10;

	/**
	 * Both the largest page and the cap on a plain list, as a generic service's
	 * {@code maxListRows}.
	 */
	static final int MAX_ROWS = 1000;

	/** Reads the query, reporting every bad parameter at once as a 422. */
	static TaskQuery from(JsonNode params) {
		FieldErrors errors = new FieldErrors();
		String status = (String) Values.coerce(params.get("status"), String.class, "status", errors);
		if (status != null && !Task.STATUSES.contains(status)) {
			errors.add("status", Task.STATUS_MESSAGE);
		}
		String assignee = (String) Values.coerce(params.get("assignee"), String.class, "assignee", errors);
		Long projectId = (Long) Values.coerce(params.get("project_id"), Long.class, "project_id", errors);
		Sort sort = Sort.from(params, SORTABLE, "id", errors);
		PageRequest page = PageRequest.from(params, DEFAULT_LIMIT, MAX_ROWS, errors).orElse(null);
		errors.throwIfAny();
		return new TaskQuery(status, assignee, projectId, sort, page);
	}

}
