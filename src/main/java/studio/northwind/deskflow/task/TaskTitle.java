package studio.northwind.deskflow.task;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A task title: 3 to 200 characters once trimmed. One constraint rather than
 * {@code @NotBlank} plus {@code @Size}, so an empty title gets exactly one message
 * ({@code title is required}), as Pionia's rules give. Its attributes are named as
 * {@code @Size}'s, so the API catalog reports the limits.
 */
@Documented
@Constraint(validatedBy = TaskTitleValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TaskTitle {

	/** Whether a missing title fails; an update may leave the title out. */
	boolean required() default true;

	/** The least length after trimming. */
	int min() default 3;

	/** The greatest length after trimming. */
	int max() default 200;

	String message() default "title must be between 3 and 200 characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
