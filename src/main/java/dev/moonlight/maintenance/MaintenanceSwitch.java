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
 * admin RPC's {@code maintenance.on}, or the command itself when no server runs), as
 * {@link MaintenanceStore} says, for a project on the embedded database (one instance).
 * Runtime state lives here, never in the tracked config files, mode 0600;
 * {@code maintenance:off} deletes it, and the bypass token's digest with it. Every
 * instance that shares the project's {@code storage/} sees it; instances on a shared
 * PostgreSQL database use {@link DatabaseMaintenanceSwitch} instead.
 * <p>
 * Precedence: maintenance is on while the switch is on or while the configuration says so
 * ({@code [maintenance] ENABLED} in settings.ini, {@code MAINTENANCE_MODE} on top); while
 * the switch is on, its message, wait and bypass token win, and what it leaves out comes
 * from the configuration.
 */
public final class MaintenanceSwitch implements MaintenanceStore {

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

	@Override
	public void turnOn(String message, Long retryAfterSeconds, String bypassToken) throws IOException {
		PrivateFiles.replace(file, json(message, retryAfterSeconds, bypassToken));
	}

	@Override
	public boolean turnOff() throws IOException {
		return Files.deleteIfExists(file);
	}

	@Override
	public String where() {
		return PATH;
	}

	/**
	 * The switch's JSON for what {@code maintenance:on} set: the bypass token as its
	 * digest alone.
	 * @throws IllegalArgumentException as {@link MaintenanceStore#turnOn} says
	 */
	static String json(String message, Long retryAfterSeconds, String bypassToken) {
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
			on.put("bypass_sha256", MaintenanceState.digestOf(checkedBypass(bypassToken)));
		}
		return JSON.writeValueAsString(on) + "\n";
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
		return state(projectDir, this, processEnv);
	}

	/**
	 * The state a server starting now would enforce: the project's configuration with
	 * {@code store}'s switch on top. For the command line when no server runs.
	 * @throws dev.moonlight.config.ConfigException when a configuration file does not
	 * parse
	 * @throws IOException when the switch cannot be read or does not parse
	 */
	public static MaintenanceState state(Path projectDir, MaintenanceStore store, Function<String, String> processEnv)
			throws IOException {
		ProjectFiles files = MoonlightConfigLoader.files(projectDir, processEnv);
		return applyTo(MaintenanceSettings.read(files.ini(), files.dotEnv(), processEnv), store.text());
	}

	@Override
	public String text() throws IOException {
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
			throw new IOException("The maintenance switch is not JSON: " + ex.getOriginalMessage());
		}
		if (!on.isObject()) {
			throw new IOException("The maintenance switch must hold a JSON object.");
		}
		String message = on.path("message").isString() ? on.path("message").stringValue() : configured.message();
		long retryAfter = on.path("retry_after").isIntegralNumber() ? on.path("retry_after").longValue()
				: configured.retryAfterSeconds();
		// "bypass" in clear is what a file written before digests held.
		String bypass = on.path("bypass_sha256").isString() ? on.path("bypass_sha256").stringValue()
				: on.path("bypass").isString() ? MaintenanceState.digestOf(on.path("bypass").stringValue())
						: configured.bypassDigest();
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
