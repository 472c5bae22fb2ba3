package dev.moonlight.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.storage.PrivateFiles;
import dev.moonlight.storage.StorageDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@value #PATH}: maintenance switched on at run time by {@code maintenance:on} (the
 * admin RPC's {@code maintenance.on}, or the command itself when no server runs), with
 * what that command set: {@code {"message":"...","retry_after":120,"bypass":"..."}}, each
 * optional. Runtime state lives here, never in the tracked config files, mode 0600 as it
 * may hold the bypass token; {@code maintenance:off} deletes it, and the bypass token
 * with it. Every instance that shares the project's {@code storage/} sees it.
 * <p>
 * Precedence: maintenance is on while this file exists or while the configuration says so
 * ({@code [maintenance]
 * ENABLED} in settings.ini, {@code MAINTENANCE_MODE} on top); while the file exists, its
 * message, wait and bypass token win, and what it leaves out comes from the
 * configuration.
 */
public final class MaintenanceSwitch {

	/**
	 * Where it is with the default storage folder, relative to the project folder (for
	 * messages and tests).
	 */
	public static final String PATH = "storage/run/maintenance.json";

	/** Its name in the storage folder's {@code run/}. */
	static final String NAME = "maintenance.json";

	/** Longest message: one line for a page and an envelope. */
	static final int MAX_MESSAGE = 1000;

	/** Longest bypass token; it travels in a URL and a header. */
	static final int MAX_BYPASS = 256;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path projectDir;

	private final Path file;

	/**
	 * @param projectDir the project folder, whose configuration {@link #state} reads
	 * @param storage the storage folder, whose {@code run/} holds the switch
	 */
	public MaintenanceSwitch(Path projectDir, StorageDir storage) {
		this.projectDir = projectDir;
		this.file = storage.run().resolve(NAME);
	}

	public Path path() {
		return file;
	}

	/**
	 * Switches maintenance on, replacing what an earlier {@code maintenance:on} set.
	 * @param message what clients are told, or {@code null} for the configured message
	 * @param retryAfterSeconds the wait clients are told, or {@code null} for the
	 * configured one
	 * @param bypassToken the token that lets a request through, or {@code null} for the
	 * configured one (usually none)
	 * @throws IllegalArgumentException when a value is not one line of printable text, or
	 * the token has blanks
	 */
	public void turnOn(String message, Long retryAfterSeconds, String bypassToken) throws IOException {
		ObjectNode on = JSON.createObjectNode();
		if (message != null) {
			on.put("message", checkedMessage(message));
		}
		if (retryAfterSeconds != null) {
			if (retryAfterSeconds < 0 || retryAfterSeconds > Integer.MAX_VALUE) {
				throw new IllegalArgumentException(
						"The retry-after must be between 0 and " + Integer.MAX_VALUE + " seconds.");
			}
			on.put("retry_after", retryAfterSeconds);
		}
		if (bypassToken != null) {
			on.put("bypass", checkedBypass(bypassToken));
		}
		PrivateFiles.replace(file, JSON.writeValueAsString(on) + "\n");
	}

	/**
	 * Switches the runtime maintenance off, forgetting its bypass token; false when it
	 * was not on.
	 */
	public boolean turnOff() throws IOException {
		return Files.deleteIfExists(file);
	}

	/**
	 * The state the files give now, as a server starting now would read it: the
	 * configuration (settings.ini, with the process environment and {@code .env} on top)
	 * and this file. For the command line when no server runs.
	 * @param processEnv the process environment
	 * @throws dev.moonlight.config.ConfigException when a configuration file does not
	 * parse
	 * @throws IOException when this file cannot be read or does not parse
	 */
	public MaintenanceState state(Function<String, String> processEnv) throws IOException {
		ProjectFiles files = MoonlightConfigLoader.files(projectDir, processEnv);
		return applyTo(MaintenanceSettings.read(files.ini(), files.dotEnv(), processEnv), text());
	}

	/** The file's text, or {@code null} when maintenance is not switched on here. */
	String text() throws IOException {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	/**
	 * The configured state with this file's text on top.
	 * @param text the file's text, or {@code null} when there is none
	 * @throws IOException when the text is not this file's JSON object
	 */
	static MaintenanceState applyTo(MaintenanceState configured, String text) throws IOException {
		if (text == null) {
			return configured;
		}
		JsonNode on;
		try {
			on = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IOException(PATH + " is not JSON: " + ex.getOriginalMessage());
		}
		if (!on.isObject()) {
			throw new IOException(PATH + " must hold a JSON object.");
		}
		String message = on.path("message").isString() ? on.path("message").stringValue() : configured.message();
		long retryAfter = on.path("retry_after").isIntegralNumber() ? on.path("retry_after").longValue()
				: configured.retryAfterSeconds();
		String bypass = on.path("bypass").isString() ? on.path("bypass").stringValue() : configured.bypassToken();
		return new MaintenanceState(true, message, retryAfter, bypass);
	}

	private static String checkedMessage(String message) {
		if (message.length() > MAX_MESSAGE || message.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("The maintenance message must be one line of at most " + MAX_MESSAGE
					+ " characters, without control characters.");
		}
		return message.strip();
	}

	private static String checkedBypass(String token) {
		if (token.isEmpty() || token.length() > MAX_BYPASS || !token.chars().allMatch((c) -> c > ' ' && c < 127)) {
			throw new IllegalArgumentException("The bypass token must be 1 to " + MAX_BYPASS
					+ " visible ASCII characters, without blanks or line breaks: it travels in a URL and a header.");
		}
		return token;
	}

}
