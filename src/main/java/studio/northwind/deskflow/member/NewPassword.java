package studio.northwind.deskflow.member;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A password chosen at registration: required, at least
 * {@value NewPasswordValidator#MIN_CHARACTERS} characters, and at most
 * {@value NewPasswordValidator#MAX_BYTES} bytes in UTF-8, the most BCrypt reads (PHP
 * silently ignores the rest; here the member is told).
 */
@Documented
@Constraint(validatedBy = NewPasswordValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface NewPassword {

	String message() default "password must be at least 8 characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
