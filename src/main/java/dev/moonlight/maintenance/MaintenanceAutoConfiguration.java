package dev.moonlight.maintenance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.MoonlightJson;

/** The maintenance switch (watching {@code [maintenance]} in settings.ini) and its gate in front of every route. */
@AutoConfiguration(after = DispatchAutoConfiguration.class)
public final class MaintenanceAutoConfiguration {

	@Bean
	MaintenanceMode maintenanceMode(MoonlightSettings settings, Environment environment) {
		return new MaintenanceMode(new MaintenanceFile(settings.projectDir()), settings.files().ini(),
				settings.files().dotEnv(), environment::getProperty);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	MaintenanceGate maintenanceGate(MaintenanceMode mode, MoonlightJson json) {
		return new MaintenanceGate(mode, json.mapper());
	}

}
