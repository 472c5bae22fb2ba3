package studio.northwind.deskflow.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import studio.northwind.deskflow.project.ExistingProject;

/**
 * The parameters of {@code task.update}: the id and any fields to change, under the same
 * rules as {@link CreateTaskParams}. A field left out keeps its value; {@code null}
 * clears the optional ones.
 *
 * @param id the task to change
 * @param title a new title
 * @param description a new description, or {@code null} to clear it
 * @param status a new status
 * @param assignee a new assignee, or {@code null} to unassign
 * @param projectId a new project, or {@code null} to unfile
 * @param dueDate a new due date, or {@code null} to clear it
 */
public record UpdateTaskParams(@NotNull(message = "id is required") Long id, @TaskTitle(required = false) String title,
		@Size(max = 2000, message = "description must not exceed 2000 characters") String description,
		@Pattern(regexp = Task.STATUS_PATTERN, message = Task.STATUS_MESSAGE) String status,
		@Email(message = "assignee must be a valid email address") @Size(max = 254,
				message = "assignee must not exceed 254 characters") String assignee,
		@ExistingProject Long projectId, LocalDate dueDate) {

}
