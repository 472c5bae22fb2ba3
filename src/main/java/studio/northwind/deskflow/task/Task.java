package studio.northwind.deskflow.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One task on the board. Serialised with snake_case keys ({@code project_id},
 * {@code due_date}), timestamps as ISO-8601 instants.
 *
 * @param id the key, {@code null} before the row is stored
 * @param title what to do, 3 to 200 characters
 * @param description optional detail
 * @param status one of {@link #STATUSES}
 * @param assignee the member's email, or {@code null}
 * @param projectId the project it belongs to, or {@code null}
 * @param dueDate the day it is due, or {@code null}
 * @param createdAt when it was stored
 * @param updatedAt when it last changed
 */
public record Task(Long id, String title, String description, String status, String assignee, Long projectId,
		LocalDate dueDate, Instant createdAt, Instant updatedAt) {

	/** The values of {@code status}, also enforced by the table's CHECK constraint. */
	public static final List<String> STATUSES = List.of("open", "in_progress", "done", "archived");

	/** The validation message for any other status, listing the allowed ones. */
	public static final String STATUS_MESSAGE = "status must be one of: open, in_progress, done, archived";

	/** Matches exactly the {@link #STATUSES}, for {@code @Pattern}. */
	static final String STATUS_PATTERN = "open|in_progress|done|archived";

}
