package studio.northwind.deskflow.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import studio.northwind.deskflow.project.ExistingProject;

/**
 * The parameters of {@code task.create}. Every constraint runs, so the client hears about
 * each bad field at once, the unknown {@code project_id} included.
 *
 * @param title required, 3 to 200 characters
 * @param description optional, at most 2000 characters
 * @param status optional, {@code open} when left out
 * @param assignee optional member email; the caller's own when left out (the tutorial's
 * {@code createAction} gave every such task to Alex, which in production would hand a
 * real team's work to a demo account)
 * @param projectId optional, must name a stored project
 * @param dueDate optional ISO date
 */
public record CreateTaskParams(@TaskTitle String title,
		@Size(max = 2000, message = "description must not exceed 2000 characters") String description,
		@Pattern(regexp = Task.STATUS_PATTERN, message = Task.STATUS_MESSAGE) String status,
		@Email(message = "assignee must be a valid email address") @Size(max = 254,
				message = "assignee must not exceed 254 characters") String assignee,
		@ExistingProject Long projectId, LocalDate dueDate) {

	/**
	 * The task to store: title trimmed, defaults filled in.
	 * @param callerEmail the creator's email, the assignee when none is sent;
	 * {@code null} leaves it unassigned
	 */
	Task toTask(String callerEmail) {
		return new Task(null, title.strip(), description, (status != null) ? status : "open",
				(assignee != null) ? assignee : callerEmail, projectId, dueDate, null, null);
	}

}
