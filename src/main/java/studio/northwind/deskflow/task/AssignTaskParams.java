package studio.northwind.deskflow.task;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The parameters of {@code task.assign}.
 *
 * @param id the task
 * @param assignee the member's email
 */
public record AssignTaskParams(@NotNull(message = "id is required") Long id,
		@NotBlank(message = "assignee is required") @Email(message = "assignee must be a valid email address") @Size(
				max = 254, message = "assignee must not exceed 254 characters") String assignee) {

}
