package dev.moonlight.security;

import java.util.function.Function;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.SettingsCheck;

/**
 * When JWT is on, its secret or keys are read at the start of the boot, before the
 * database is touched.
 */
public final class JwtSettingsCheck implements SettingsCheck {

	@Override
	public void check(MoonlightSettings settings, Function<String, String> environment) {
		if (JwtEnabledCondition.isEnabled(settings.files().ini())) {
			new JwtSettingsReader(settings, environment).read();
		}
	}

}
