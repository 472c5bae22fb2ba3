package studio.northwind.deskflow.member;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * No member uses the annotated email yet (compared lowercase). A constraint rather than a
 * check in the action, so a taken email is reported together with every other failing
 * field.
 */
@Documented
@Constraint(validatedBy = UnusedEmailValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface UnusedEmail {

	String message() default "email is already registered";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
