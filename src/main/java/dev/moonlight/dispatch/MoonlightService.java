package dev.moonlight.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a Spring bean as a Moonlight service reachable as {@code {"service": "<alias>"}}.
 * A switch may expose the same service under another alias; without switches every
 * service is served on {@code v1} under this alias.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface MoonlightService {

	/**
	 * The alias clients send as {@code service}, lowercase. It is also the bean name, so
	 * two scanned services claiming one alias fail the boot as a bean-name clash that
	 * names both classes; services registered under other bean names are caught by the
	 * action table builder.
	 */
	@AliasFor(annotation = Component.class, attribute = "value")
	String value();

	/**
	 * Serves the service on every API version under its alias, beside the services a
	 * switch lists, unless the switch gives the alias to another service. For the
	 * framework's built-in services (such as {@code jobs}).
	 */
	boolean everyVersion() default false;

}
