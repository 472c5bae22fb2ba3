package studio.northwind.deskflow.task;

import jakarta.validation.constraints.NotNull;

/**
 * The parameters of {@code task.get} and {@code task.delete}.
 *
 * @param id the task
 */
public record TaskIdParams(@NotNull(message = "id is required") Long id) {

}
