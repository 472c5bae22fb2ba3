package studio.northwind.deskflow.project;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated project id is {@code null} or names a stored project. A constraint rather
 * than a check in the action, so an unknown project is reported together with every other
 * failing field.
 */
@Documented
@Constraint(validatedBy = ExistingProjectValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ExistingProject {

	String message() default "project_id does not match an existing project";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
