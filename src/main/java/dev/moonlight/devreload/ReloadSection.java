package dev.moonlight.devreload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.RrYaml;

/**
 * RoadRunner's {@code reload} section as DevTools' restart properties: {@code interval}
 * (1s) is how often files are looked at; {@code services.<name>.dirs} are folders watched
 * beside the class path (relative to the project folder). The project folder itself is
 * watched for {@code .rr.yaml} and {@code environment/}, without the folders whose
 * changes are not configuration ({@link #NOT_CONFIGURATION}). {@code patterns} and a
 * service's {@code recursive}, {@code ignore} and {@code patterns} are reported as
 * without effect.
 *
 * @param interval {@code reload.interval}
 * @param dirs every {@code reload.services.*.dirs} folder, resolved
 */
record ReloadSection(Duration interval, List<Path> dirs) {

	static final String SECTION = "reload";

	/** RoadRunner's default interval, and DevTools' poll interval. */
	static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	/**
	 * Changes under the project folder that never restart: runtime state, build output
	 * (the compiled classes restart through the class path), sources (they count once
	 * compiled) and logs.
	 */
	static final String NOT_CONFIGURATION = "storage/**,target/**,src/**,.git/**,.idea/**,.vscode/**,"
			+ "node_modules/**,**/*.log,**/*.log.*";

	static ReloadSection read(RrYaml rr, Path projectDir) {
		Duration interval = rr.get("reload.interval")
			.filter((value) -> !value.isBlank())
			.map(ConfigValue::asDuration)
			.filter((value) -> !value.isZero())
			.orElse(DEFAULT_INTERVAL);
		if (interval.compareTo(Duration.ofMillis(100)) < 0) {
			throw rr.get("reload.interval").orElseThrow().invalid("The interval is 100ms or more.");
		}
		List<Path> dirs = new ArrayList<>();
		for (String service : rr.childNames("reload.services")) {
			rr.list("reload.services." + service + ".dirs")
				.stream()
				.filter((value) -> !value.isBlank())
				.map((value) -> projectDir.resolve(value.value().strip()).toAbsolutePath().normalize())
				.forEach(dirs::add);
		}
		return new ReloadSection(interval, List.copyOf(dirs));
	}

	/** DevTools' restart properties for this section, watching {@code projectDir}. */
	Map<String, String> springProperties(Path projectDir) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.devtools.restart.poll-interval", this.interval.toMillis() + "ms");
		// DevTools needs the quiet period shorter than the poll interval.
		properties.put("spring.devtools.restart.quiet-period", Math.min(400, this.interval.toMillis() / 2) + "ms");
		List<String> paths = new ArrayList<>();
		paths.add(projectDir.toString());
		this.dirs.forEach((dir) -> paths.add(dir.toString()));
		properties.put("spring.devtools.restart.additional-paths", String.join(",", paths));
		properties.put("spring.devtools.restart.additional-exclude", NOT_CONFIGURATION);
		return properties;
	}

}
