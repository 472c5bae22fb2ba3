package dev.moonlight.maintenance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.MoonlightJson;

/**
 * The maintenance switch (watching {@code [maintenance]} in settings.ini and
 * {@code storage/run/maintenance.json}) and its gate in front of every route; the
 * WebSocket and TCP transports ask the same switch.
 */
@AutoConfiguration(after = DispatchAutoConfiguration.class)
public final class MaintenanceAutoConfiguration {

	@Bean
	MaintenanceMode maintenanceMode(MoonlightSettings settings, Environment environment) {
		return new MaintenanceMode(settings.projectDir(), settings.storage(), settings.files().ini(),
				settings.files().dotEnv(), environment::getProperty);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	MaintenanceGate maintenanceGate(MaintenanceMode mode, MoonlightJson json) {
		return new MaintenanceGate(mode, new EnvelopeWriter(json.mapper().writer()));
	}

}
