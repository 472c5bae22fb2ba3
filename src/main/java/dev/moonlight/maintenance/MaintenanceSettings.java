package dev.moonlight.maintenance;

import java.util.Optional;
import java.util.function.Function;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.DotEnv;
import dev.moonlight.config.IniDocument;
import dev.moonlight.config.ProjectFiles;

/**
 * Reads {@link MaintenanceState} from {@code [maintenance]} ({@code ENABLED},
 * {@code MESSAGE}, {@code RETRY_AFTER}, {@code BYPASS} or {@code BYPASS_TOKEN}) with
 * Pionia's variables on top: {@code MAINTENANCE_MODE} overrides {@code ENABLED} when set;
 * {@code MAINTENANCE_MESSAGE}, {@code MAINTENANCE_RETRY_AFTER},
 * {@code MAINTENANCE_BYPASS} / {@code MAINTENANCE_BYPASS_TOKEN} fill in what the section
 * leaves out.
 */
final class MaintenanceSettings {

	static final String SECTION = "maintenance";

	private MaintenanceSettings() {
	}

	static MaintenanceState read(IniDocument ini, DotEnv dotEnv, Function<String, String> processEnv) {
		ProjectFiles files = new ProjectFiles(ini, dotEnv, null);
		boolean enabled = files.variable(processEnv, "MAINTENANCE_MODE")
			.or(() -> ini.getIgnoreCase(SECTION, "ENABLED"))
			.map(ConfigValue::asBoolean)
			.orElse(false);
		String message = setting(files, processEnv, "MESSAGE", "MAINTENANCE_MESSAGE").map(ConfigValue::value)
			.map(String::strip)
			.orElse(MaintenanceState.DEFAULT_MESSAGE);
		long retryAfter = setting(files, processEnv, "RETRY_AFTER", "MAINTENANCE_RETRY_AFTER")
			.map((value) -> value.asWholeNumber(0, Integer.MAX_VALUE, "RETRY_AFTER is a whole number of seconds."))
			.orElse(-1L);
		String bypass = setting(files, processEnv, "BYPASS", "MAINTENANCE_BYPASS")
			.or(() -> setting(files, processEnv, "BYPASS_TOKEN", "MAINTENANCE_BYPASS_TOKEN"))
			.map((value) -> value.value().strip())
			.orElse(null);
		return new MaintenanceState(enabled, message, retryAfter, MaintenanceState.digestOf(bypass));
	}

	private static Optional<ConfigValue> setting(ProjectFiles files, Function<String, String> processEnv, String key,
			String envName) {
		return files.setting(SECTION, key, processEnv, envName);
	}

}
