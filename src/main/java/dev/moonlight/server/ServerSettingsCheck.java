package dev.moonlight.server;

import java.util.function.Function;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.SettingsCheck;

/**
 * TLS files (readable, a matching key and certificate), HTTP/2, gzip and static sections,
 * checked before any bean.
 */
public final class ServerSettingsCheck implements SettingsCheck {

	@Override
	public void check(MoonlightSettings settings, Function<String, String> environment) {
		// Notices are the bean's to log, once; here only a refusal matters.
		new ServerSettingsReader(settings, (notice) -> {
		}).read();
	}

}
