package dev.moonlight.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must hold at least one of {@link #value()}; implies a login (401 first, then
 * 403). Marks on an action replace the service's {@code @Can}/{@code @CanAny} for that
 * action.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CanAny {

	/** The permissions, one of which is enough. */
	String[] value();

	/** The 403 message; empty means {@value AccessRule#PERMISSION_MISSING}. */
	String message() default "";

	/** On a service: actions this mark does not cover. */
	String[] except() default {};

}
