package dev.moonlight.database;

import java.util.Locale;
import java.util.function.Function;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.Origin;
import dev.moonlight.config.SettingsCheck;

/**
 * {@value UnchangedMigrations#PROPERTY} is {@code true} or {@code false}. Spring's
 * condition would read any other value as {@code false} and quietly run Flyway on every
 * boot; a typo stops the boot instead, naming the property.
 */
public final class MigrationSettingsCheck implements SettingsCheck {

	@Override
	public void check(MoonlightSettings settings, Function<String, String> environment) {
		String value = environment.apply(UnchangedMigrations.PROPERTY);
		if (value == null) {
			return;
		}
		// As Spring's condition compares it: any case, nothing around it.
		String normalised = value.toLowerCase(Locale.ROOT);
		if (!normalised.equals("true") && !normalised.equals("false")) {
			throw new ConfigException(new Origin(Origin.PROCESS_ENVIRONMENT, 0, UnchangedMigrations.PROPERTY), value,
					"Must be true (skip Flyway while the migrations and their history are unchanged) or false (run it "
							+ "on every boot).");
		}
	}

}
