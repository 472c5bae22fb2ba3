package dev.moonlight.config;

import java.util.function.Function;

/**
 * A capability's check of its own settings, run once the files are read and before any
 * bean exists: so a missing secret or an unreadable key file stops the boot in well under
 * a second, before Flyway or anything else has changed the database. Listed in
 * {@code META-INF/spring.factories} under this interface's name.
 */
public interface SettingsCheck {

	/**
	 * Checks the settings this capability will use.
	 * @param settings the loaded settings
	 * @param environment the Spring environment's lookup (process environment, system and
	 * command-line properties)
	 * @throws ConfigException naming the file, line and key of the first unusable value
	 */
	void check(MoonlightSettings settings, Function<String, String> environment);

}
