package dev.moonlight.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The parsed configuration files, kept for capabilities that read their own sections
 * later ({@code [jwt]}, {@code [cors]}, {@code jobs}, ...). A missing file is an empty
 * document.
 *
 * @param ini {@code environment/settings.ini}
 * @param dotEnv {@code environment/.env}
 * @param rr {@code .rr.yaml}
 */
public record ProjectFiles(IniDocument ini, DotEnv dotEnv, RrYaml rr) {

	/**
	 * Reads a variable the Moonlight way: the process environment first, then
	 * {@code .env}.
	 * @param name the variable name
	 * @param processEnv the process environment (in Spring:
	 * {@code environment::getProperty})
	 * @return the value with its origin, or empty when neither source has it
	 */
	public Optional<ConfigValue> env(String name, Function<String, String> processEnv) {
		return new EnvLookup(processEnv, this.dotEnv).get(name);
	}

	/**
	 * The first of {@code names} that is set and not blank, the process environment
	 * before {@code .env} for each.
	 * @param processEnv the process environment (in Spring:
	 * {@code environment::getProperty})
	 * @param names the variables to try in order
	 * @return the value with its origin, or empty when none is set
	 */
	public Optional<ConfigValue> variable(Function<String, String> processEnv, String... names) {
		return new EnvLookup(processEnv, this.dotEnv).first(names);
	}

	/**
	 * Reads a setting Pionia's way: {@code [section] KEY} in settings.ini (any case) when
	 * it is not blank, otherwise the first of {@code envNames} that is set and not blank,
	 * the process environment before {@code .env}.
	 * @param section the settings.ini section
	 * @param key the key in that section
	 * @param processEnv the process environment (in Spring:
	 * {@code environment::getProperty})
	 * @param envNames the variables to try in order, e.g. {@code JWT_SECRET},
	 * {@code APP_KEY}
	 * @return the value with its origin, or empty when none is set
	 */
	public Optional<ConfigValue> setting(String section, String key, Function<String, String> processEnv,
			String... envNames) {
		Optional<ConfigValue> fromIni = this.ini.getIgnoreCase(section, key).filter((value) -> !value.isBlank());
		return fromIni.isPresent() ? fromIni : variable(processEnv, envNames);
	}

}
