package dev.moonlight.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code [app_switches]}: each key is an API version (a URL segment), each value a
 * switch class name.
 */
final class SwitchReader {

	static final String SECTION = "app_switches";

	// The version becomes a path segment (/api/v1/), so it must be lowercase and
	// URL-safe.
	private static final Pattern VERSION = Pattern.compile("v[0-9]+|[a-z][a-z0-9_-]*");

	private SwitchReader() {
	}

	static List<SwitchEntry> read(IniDocument ini) {
		List<SwitchEntry> switches = new ArrayList<>();
		ini.section(SECTION).forEach((version, value) -> {
			if (!VERSION.matcher(version).matches()) {
				throw new ConfigException(value.origin(), version,
						"Version must be a lowercase URL segment such as v1, v2 or beta.");
			}
			if (value.isBlank()) {
				throw value.invalid("Name the switch class, for example com.example.MainSwitch.");
			}
			switches.add(new SwitchEntry(version, value.value().strip(), value.origin()));
		});
		return List.copyOf(switches);
	}

}
