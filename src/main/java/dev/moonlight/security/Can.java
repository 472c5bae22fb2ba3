package dev.moonlight.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must hold every one of {@link #value()}; implies a login (401 first, then
 * 403). Repeatable. Marks on an action replace the service's {@code @Can}/{@code @CanAny}
 * for that action.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Repeatable(Can.List.class)
public @interface Can {

	/** The permissions, all required. */
	String[] value();

	/** The 403 message; empty means {@value AccessRule#PERMISSION_MISSING}. */
	String message() default "";

	/** On a service: actions this mark does not cover. */
	String[] except() default {};

	/** The container of repeated {@code @Can} marks. */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@interface List {

		Can[] value();

	}

}
