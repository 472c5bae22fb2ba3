package dev.moonlight.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Publishes the settings read at boot by {@link MoonlightEnvironmentPostProcessor} as a
 * bean.
 */
@AutoConfiguration
public final class ConfigAutoConfiguration {

	@Bean
	MoonlightSettings moonlightSettings(Environment environment) {
		return MoonlightEnvironmentPostProcessor.settings(environment);
	}

}
