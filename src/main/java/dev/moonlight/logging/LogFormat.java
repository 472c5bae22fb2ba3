package dev.moonlight.logging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.RrYaml;

/**
 * How log lines look, from {@code .rr.yaml logs:} in RoadRunner's words, applied through
 * Boot's logging properties:
 * <ul>
 * <li>{@code mode: development} (the default): Boot's console lines;</li>
 * <li>{@code mode: production}: one JSON object a line (Logstash's fields, the request id
 * among them), at INFO unless {@code logs.level} says otherwise;</li>
 * <li>{@code mode: raw}: the message alone, as RoadRunner passes a worker's output
 * through;</li>
 * <li>{@code mode: none} or {@code off}: no log lines (the access log is its own
 * switch);</li>
 * <li>{@code encoding: json} or {@code console} chooses the encoding whatever the
 * mode.</li>
 * </ul>
 * A development mode does not turn DEBUG on by itself, as RoadRunner's does: in a JVM
 * that would print thousands of the libraries' lines a second; {@code logs.level: debug}
 * does.
 *
 * @param mode {@code development}, {@code production}, {@code raw} or {@code off}
 * @param json whether each line is a JSON object
 */
public record LogFormat(String mode, boolean json) {

	/**
	 * Boot's structured format that {@code encoding: json} writes: Logstash's, which most
	 * log shippers read.
	 */
	static final String JSON_FORMAT = "logstash";

	/**
	 * Reads {@code logs.mode} and {@code logs.encoding}.
	 * @throws dev.moonlight.config.ConfigException naming the key, file and line for a
	 * value RoadRunner would refuse
	 */
	public static LogFormat read(RrYaml rr) {
		String mode = rr.get("logs.mode").map(LogFormat::mode).orElse("development");
		boolean json = rr.get("logs.encoding").map(LogFormat::isJson).orElse(mode.equals("production"));
		return new LogFormat(mode, json);
	}

	/** The Spring logging properties; the file's when the log also goes to a file. */
	public Map<String, String> springProperties(boolean toFile) {
		Map<String, String> properties = new LinkedHashMap<>();
		switch (this.mode) {
			case "raw" -> {
				properties.put("logging.pattern.console", "%m%n");
				properties.put("logging.pattern.file", "%m%n");
			}
			case "off" -> properties.put("logging.level.root", "off");
			default -> {
				// development and production differ only in their encoding.
			}
		}
		if (this.json) {
			properties.put("logging.structured.format.console", JSON_FORMAT);
			if (toFile) {
				properties.put("logging.structured.format.file", JSON_FORMAT);
			}
		}
		return properties;
	}

	private static String mode(ConfigValue value) {
		String mode = value.value().strip().toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "development", "production", "raw" -> mode;
			case "none", "off" -> "off";
			default -> throw value.invalid("Use development, production, raw or none.");
		};
	}

	private static boolean isJson(ConfigValue value) {
		return switch (value.value().strip().toLowerCase(Locale.ROOT)) {
			case "json" -> true;
			case "console" -> false;
			default -> throw value.invalid("Use console or json.");
		};
	}

}
