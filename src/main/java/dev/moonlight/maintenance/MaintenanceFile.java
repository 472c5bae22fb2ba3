package dev.moonlight.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.moonlight.config.IniDocument;
import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.config.ProjectFiles;

/**
 * Writes {@code [maintenance]} into settings.ini the way {@code maintenance:on} / {@code maintenance:off} do: the
 * given keys are replaced or added, every other line (comments included) is kept, and the file is replaced in one
 * atomic move so a running server never reads half a file.
 */
public final class MaintenanceFile {

	private final Path projectDir;

	private final Path file;

	/** @param projectDir the project folder holding {@code environment/settings.ini} */
	public MaintenanceFile(Path projectDir) {
		this.projectDir = projectDir;
		this.file = projectDir.resolve(IniDocument.FILE);
	}

	/**
	 * The state the files give now, as a server starting now would read it: settings.ini, with the process
	 * environment and {@code .env} on top. For the command line when no server runs.
	 * @param processEnv the process environment
	 * @throws dev.moonlight.config.ConfigException when a file does not parse
	 */
	public MaintenanceState read(Function<String, String> processEnv) {
		ProjectFiles files = MoonlightConfigLoader.files(projectDir, processEnv);
		return MaintenanceSettings.read(files.ini(), files.dotEnv(), processEnv);
	}

	public Path path() {
		return file;
	}

	/**
	 * Turns maintenance on, with what clients are told.
	 * @param message the message, or {@code null} to keep the configured one
	 * @param retryAfterSeconds the {@code Retry-After} seconds, or {@code null} to keep the configured value
	 * @param bypassToken the bypass token, or {@code null} to keep the configured one
	 */
	public void turnOn(String message, Long retryAfterSeconds, String bypassToken) throws IOException {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("ENABLED", "true");
		if (message != null) {
			if (message.contains("\n") || message.contains("\r")) {
				throw new IllegalArgumentException("The maintenance message must be one line.");
			}
			// PHP's INI reader has no escape for a double quote inside a quoted value.
			values.put("MESSAGE", "\"" + message.replace('"', '\'') + "\"");
		}
		if (retryAfterSeconds != null) {
			values.put("RETRY_AFTER", Long.toString(retryAfterSeconds));
		}
		if (bypassToken != null) {
			values.put("BYPASS", "\"" + bypassToken + "\"");
		}
		write(values);
	}

	public void turnOff() throws IOException {
		write(Map.of("ENABLED", "false"));
	}

	private void write(Map<String, String> values) throws IOException {
		List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
				: new ArrayList<>();
		merge(lines, values);
		Files.createDirectories(file.getParent());
		Path temporary = Files.createTempFile(file.getParent(), ".settings", ".ini");
		try {
			Files.write(temporary, lines, StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	static void merge(List<String> lines, Map<String, String> values) {
		int start = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).strip().equals("[" + MaintenanceSettings.SECTION + "]")) {
				start = i;
				break;
			}
		}
		if (start < 0) {
			if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
				lines.add("");
			}
			lines.add("[" + MaintenanceSettings.SECTION + "]");
			values.forEach((key, value) -> lines.add(key + " = " + value));
			return;
		}
		int end = start + 1;
		int lastValue = start;
		while (end < lines.size() && !lines.get(end).strip().startsWith("[")) {
			if (!lines.get(end).isBlank()) {
				lastValue = end;
			}
			end++;
		}
		Map<String, String> missing = new LinkedHashMap<>(values);
		for (int i = start + 1; i < end; i++) {
			String key = keyOf(lines.get(i));
			String wanted = (key != null) ? matching(missing, key) : null;
			if (wanted != null) {
				lines.set(i, key + " = " + missing.remove(wanted));
			}
		}
		List<String> added = new ArrayList<>();
		missing.forEach((key, value) -> added.add(key + " = " + value));
		lines.addAll(lastValue + 1, added);
	}

	private static String keyOf(String line) {
		String trimmed = line.strip();
		int equals = trimmed.indexOf('=');
		if (trimmed.startsWith(";") || trimmed.startsWith("#") || equals <= 0) {
			return null;
		}
		return trimmed.substring(0, equals).strip();
	}

	private static String matching(Map<String, String> values, String key) {
		String upper = key.toUpperCase(Locale.ROOT);
		// Pionia's source spells the token BYPASS_TOKEN; rewrite that line rather than add a second key.
		String wanted = upper.equals("BYPASS_TOKEN") ? "BYPASS" : upper;
		return values.containsKey(wanted) ? wanted : null;
	}

}
