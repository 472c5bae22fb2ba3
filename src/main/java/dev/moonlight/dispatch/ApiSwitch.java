package dev.moonlight.dispatch;

import java.util.Map;

/**
 * Pionia's switch: the services one API version exposes, by alias. Named in
 * {@code [app_switches]} ({@code v1=com.example.MainSwitch}); instantiated once at boot
 * with constructor injection.
 */
@FunctionalInterface
public interface ApiSwitch {

	/** Alias to service bean class; the class must be a {@link MoonlightService} bean. */
	Map<String, Class<?>> services();

}
