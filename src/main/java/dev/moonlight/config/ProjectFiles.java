package dev.moonlight.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The parsed configuration files, kept for capabilities that read their own sections later ({@code [jwt]},
 * {@code [cors]}, {@code jobs}, ...). A missing file is an empty document.
 *
 * @param ini {@code environment/settings.ini}
 * @param dotEnv {@code environment/.env}
 * @param rr {@code .rr.yaml}
 */
public record ProjectFiles(IniDocument ini, DotEnv dotEnv, RrYaml rr) {

	/**
	 * Reads a variable the Moonlight way: the process environment first, then {@code .env}.
	 * @param name the variable name
	 * @param processEnv the process environment (in Spring: {@code environment::getProperty})
	 * @return the value with its origin, or empty when neither source has it
	 */
	public Optional<ConfigValue> env(String name, Function<String, String> processEnv) {
		return new EnvLookup(processEnv, this.dotEnv).get(name);
	}

}
