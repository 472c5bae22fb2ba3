package dev.moonlight.testapp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A custom constraint composed of standard ones: three capital letters. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[A-Z]+")
@Size(min = 3, max = 3)
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface RegionCode {

	String message() default "region must be three capital letters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
