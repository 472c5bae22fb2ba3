package dev.moonlight.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a Spring bean as a Moonlight service reachable as {@code {"service": "<alias>"}}. A switch may expose the
 * same service under another alias; without switches every service is served on {@code v1} under this alias.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface MoonlightService {

	/**
	 * The alias clients send as {@code service}, lowercase. It is not the bean name, so two services claiming one
	 * alias reach the action table, which names both, instead of silently replacing each other as beans.
	 */
	String value();

}
