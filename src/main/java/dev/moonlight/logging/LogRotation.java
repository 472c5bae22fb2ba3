package dev.moonlight.logging;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.RrYaml;

/**
 * How a log file rotates, from {@code .rr.yaml logs:} in RoadRunner's words:
 * {@code file_logger_options.max_size} (megabytes a file may reach), {@code max_age}
 * (days a rotated file is kept), {@code max_backups} (rotated files kept; Logback bounds
 * them by total size, so it becomes a cap of that many files' size) and {@code compress}
 * (gzip the rotated files). The file itself is {@code logs.output} when it is a path,
 * else {@code file_logger_options.log_output}. Logback's size-and-time rolling policy
 * does the rotation: a file rolls at its size and at midnight.
 *
 * @param file the log file, when the configuration names one (else the detached server's
 * own)
 * @param maxSizeMb megabytes before a file rolls
 * @param maxAgeDays days a rotated file is kept
 * @param maxBackups rotated files kept, at most
 * @param compress whether rotated files are gzipped
 * @param level {@code logs.level} as Logback names it, when set
 */
public record LogRotation(Optional<Path> file, int maxSizeMb, int maxAgeDays, int maxBackups, boolean compress,
		Optional<String> level) {

	/**
	 * The defaults when {@code logs:} says nothing: 10 MB files, a week, at most 20 of
	 * them, gzipped.
	 */
	public static final LogRotation DEFAULTS = new LogRotation(Optional.empty(), 10, 7, 20, true, Optional.empty());

	/**
	 * System properties that hand a detached server its log and rotation (see
	 * {@link RotatingConsole}).
	 */
	static final String PROPERTY_PREFIX = "moonlight.detached.log";

	private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

	/**
	 * Reads {@code logs:}.
	 * @param rr the project's .rr.yaml
	 * @param projectDir where a relative file name starts
	 * @return the rotation, {@link #DEFAULTS} for what is not set
	 * @throws dev.moonlight.config.ConfigException naming the key for a value that is not
	 * a count or level
	 */
	public static LogRotation read(RrYaml rr, Path projectDir) {
		Optional<Path> file = rr.get("logs.output")
			.map((value) -> value.value().strip())
			.filter((output) -> !output.isEmpty() && !"stdout".equals(output) && !"stderr".equals(output))
			.or(() -> rr.get("logs.file_logger_options.log_output")
				.map((value) -> value.value().strip())
				.filter((output) -> !output.isEmpty()))
			.map((name) -> projectDir.resolve(name).toAbsolutePath().normalize());
		return new LogRotation(file, count(rr, "max_size", DEFAULTS.maxSizeMb),
				count(rr, "max_age", DEFAULTS.maxAgeDays), count(rr, "max_backups", DEFAULTS.maxBackups),
				rr.get("logs.file_logger_options.compress").map(ConfigValue::asBoolean).orElse(DEFAULTS.compress),
				rr.get("logs.level").map(LogRotation::level));
	}

	/**
	 * The Spring logging properties: Boot's own file logging rotates with these (its
	 * Logback rolling policy).
	 */
	public Map<String, String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		this.level.ifPresent((name) -> properties.put("logging.level.root", name));
		this.file.ifPresent((path) -> {
			properties.put("logging.file.name", path.toString());
			properties.put("logging.logback.rollingpolicy.max-file-size", this.maxSizeMb + "MB");
			properties.put("logging.logback.rollingpolicy.max-history", Integer.toString(this.maxAgeDays));
			properties.put("logging.logback.rollingpolicy.total-size-cap", totalSizeCapMb() + "MB");
			properties.put("logging.logback.rollingpolicy.file-name-pattern", fileNamePattern("${LOG_FILE}"));
		});
		return properties;
	}

	/**
	 * Rolled files: {@code <log>.2026-12-04.0.gz}, the date and an index for several
	 * rolls a day.
	 */
	String fileNamePattern(String logFile) {
		return logFile + ".%d{yyyy-MM-dd}.%i" + (this.compress ? ".gz" : "");
	}

	/**
	 * The size every file together may take: the live file and {@code max_backups}
	 * rotated ones.
	 */
	long totalSizeCapMb() {
		return (long) this.maxSizeMb * (this.maxBackups + 1);
	}

	/**
	 * The system properties that hand this rotation of {@code logFile} to a detached
	 * server's JVM.
	 */
	public List<String> detachedJvmOptions(Path logFile) {
		return List.of("-D" + PROPERTY_PREFIX + "=" + logFile,
				"-D" + PROPERTY_PREFIX + ".max-size-mb=" + this.maxSizeMb,
				"-D" + PROPERTY_PREFIX + ".max-age-days=" + this.maxAgeDays,
				"-D" + PROPERTY_PREFIX + ".max-backups=" + this.maxBackups,
				"-D" + PROPERTY_PREFIX + ".compress=" + this.compress);
	}

	/**
	 * What {@link #detachedJvmOptions} handed over, read back in the detached JVM; empty
	 * when not detached.
	 */
	static Optional<LogRotation> fromDetachedProperties(Function<String, String> properties) {
		String file = properties.apply(PROPERTY_PREFIX);
		if (file == null || file.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new LogRotation(Optional.of(Path.of(file)),
				Integer.parseInt(properties.apply(PROPERTY_PREFIX + ".max-size-mb")),
				Integer.parseInt(properties.apply(PROPERTY_PREFIX + ".max-age-days")),
				Integer.parseInt(properties.apply(PROPERTY_PREFIX + ".max-backups")),
				Boolean.parseBoolean(properties.apply(PROPERTY_PREFIX + ".compress")), Optional.empty()));
	}

	private static int count(RrYaml rr, String key, int defaultValue) {
		return rr.get("logs.file_logger_options." + key)
			.map((value) -> (int) value.asWholeNumber(1, 100_000, "A whole number, at least 1."))
			.orElse(defaultValue);
	}

	static String level(ConfigValue value) {
		String name = value.value().strip().toLowerCase(Locale.ROOT);
		String mapped = switch (name) {
			case "warning" -> "warn";
			case "panic", "fatal", "dpanic" -> "error";
			default -> name;
		};
		if (!LEVELS.contains(mapped)) {
			throw value.invalid("Use debug, info, warn, error (or RoadRunner's panic, fatal).");
		}
		return mapped;
	}

}
