package dev.moonlight.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The one rule for variables: the process environment wins over {@code environment/.env}.
 */
final class EnvLookup {

	private final Function<String, String> processEnv;

	private final DotEnv dotEnv;

	EnvLookup(Function<String, String> processEnv, DotEnv dotEnv) {
		this.processEnv = processEnv;
		this.dotEnv = dotEnv;
	}

	Optional<ConfigValue> get(String name) {
		String value = this.processEnv.apply(name);
		if (value != null) {
			return Optional.of(new ConfigValue(value, Origin.processEnvironment(name)));
		}
		return this.dotEnv.get(name);
	}

	/**
	 * The first of the names that is set to something other than blank; a blank process
	 * variable does not hide the same name in .env, because {@code PORT=} in a shell
	 * means "not set" more often than "empty".
	 */
	Optional<ConfigValue> first(String... names) {
		for (String name : names) {
			String value = this.processEnv.apply(name);
			if (value != null && !value.isBlank()) {
				return Optional.of(new ConfigValue(value, Origin.processEnvironment(name)));
			}
			Optional<ConfigValue> fromFile = this.dotEnv.get(name).filter((candidate) -> !candidate.isBlank());
			if (fromFile.isPresent()) {
				return fromFile;
			}
		}
		return Optional.empty();
	}

	/** The raw text, for {@code ${VAR}} expansion in {@code .rr.yaml}. */
	String text(String name) {
		return get(name).map(ConfigValue::value).orElse(null);
	}

}
