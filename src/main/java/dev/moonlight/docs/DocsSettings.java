package dev.moonlight.docs;

import java.util.Optional;
import java.util.function.Function;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.MoonlightSettings;

/**
 * Whether the API docs are served, and the token they need. Pionia's gate, adapted:
 * {@code [docs] ENABLED} in settings.ini, else {@code DOCS_ENABLED} (environment, then
 * .env); when neither is set, on everywhere but in production
 * ({@code APP_ENV=production}), because a catalog tells an attacker every action and
 * parameter.
 *
 * @param enabled whether {@code /docs}, {@code /docs/openapi.json} and
 * {@code /api/{v}/__catalog} answer
 * @param token the token a request must carry ({@code ?token=} or {@code X-Docs-Token}),
 * or {@code null} for none
 */
public record DocsSettings(boolean enabled, String token) {

	/** The settings.ini section. */
	public static final String SECTION = "docs";

	@Override
	public String toString() {
		// The token is a secret; never let it reach a log line through this record.
		return "DocsSettings[enabled=" + enabled + ", token=" + ((token != null) ? "(set)" : "none") + "]";
	}

	/**
	 * Reads the gate.
	 * @param settings the settings read at boot
	 * @param processEnv the process environment (in Spring:
	 * {@code environment::getProperty})
	 * @return the gate's settings
	 * @throws dev.moonlight.config.ConfigException when {@code ENABLED} is not a boolean
	 */
	public static DocsSettings read(MoonlightSettings settings, Function<String, String> processEnv) {
		// PHP's INI reading turns off/no/false into "", which ProjectFiles.setting takes
		// for "not set"; a present key is an answer, so the ini is asked for a boolean
		// first.
		Optional<Boolean> enabled = settings.files()
			.ini()
			.bool(SECTION, "ENABLED")
			.or(() -> settings.files()
				.setting(SECTION, "ENABLED", processEnv, "DOCS_ENABLED")
				.map(ConfigValue::asBoolean));
		boolean on = enabled.orElse(!settings.app().production());
		String token = settings.files()
			.setting(SECTION, "TOKEN", processEnv, "DOCS_TOKEN")
			.map((value) -> value.value().strip())
			.orElse(null);
		return new DocsSettings(on, token);
	}

}
