package studio.northwind.deskflow.task;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A task title: 3 to 200 characters once trimmed. One constraint rather than {@code @NotBlank} plus {@code @Size}, so
 * an empty title gets exactly one message ({@code title is required}), as Pionia's rules give.
 */
@Documented
@Constraint(validatedBy = TaskTitleValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TaskTitle {

	/** Whether a missing title fails; an update may leave the title out. */
	boolean required() default true;

	String message() default "title must be between 3 and 200 characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
