package dev.moonlight.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link MoonlightService} as an action. The wire name defaults to
 * the method name; clients may send it in snake_case ({@code list_auth}), camelCase or
 * with the PHP suffix ({@code listAuthAction}).
 * <p>
 * Parameters may be: one parameter record (bound from the body with Jackson, then
 * validated with Jakarta constraints), {@link ActionContext}, {@link Caller},
 * {@link UploadedFiles}, a {@code String} marked {@link RequestId}, or the raw parameters
 * as a {@code JsonNode}/{@code ObjectNode}. The return value becomes {@code returnData};
 * an {@link Envelope} is sent as it is; a {@code Mono} or {@code Flux} marks a reactive
 * action that runs on the event loop and never on the worker pool.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Action {

	/** The wire name; empty means the method name. */
	String value() default "";

	/**
	 * Further wire names for the same action (Pionia's {@code details} for
	 * {@code retrieve}).
	 */
	String[] aliases() default {};

	/**
	 * The {@code returnMessage} of a successful call that returns a plain value; empty
	 * means {@code null}.
	 */
	String message() default "";

}
