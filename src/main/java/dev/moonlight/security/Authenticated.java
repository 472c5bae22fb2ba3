package dev.moonlight.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must be logged in. On a service it covers every action but those in
 * {@link #except()}; on an action it always requires a login and may replace the message.
 * Without a login the call is answered 401 before its parameters are validated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface Authenticated {

	/** The 401 message; empty means {@value AccessRule#LOGIN_REQUIRED}. */
	String message() default "";

	/**
	 * On a service: actions this mark does not cover, in any spelling ({@code login},
	 * {@code loginAction}).
	 */
	String[] except() default {};

}
