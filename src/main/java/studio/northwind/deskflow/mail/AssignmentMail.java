package studio.northwind.deskflow.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The parameters of {@code mail.send_assignment}, as {@code task.assign} queues them.
 *
 * @param taskId the task that was assigned
 * @param title its title, as it was when assigned
 * @param assignee the new assignee's email
 */
public record AssignmentMail(@NotNull Long taskId, @NotBlank String title, @NotBlank @Email String assignee) {

}
