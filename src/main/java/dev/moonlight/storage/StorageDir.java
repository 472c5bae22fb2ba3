package dev.moonlight.storage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The runtime folder a server writes: the embedded database ({@code data/}), pid, tokens
 * and the maintenance switch ({@code run/}) and the detached log ({@code logs/}).
 * {@code storage/} under the project folder unless {@value #VARIABLE} (or the Spring
 * property {@value #PROPERTY}) names another, so the jar's folder may be read-only and
 * the state live on a volume. A relative path is taken from the project folder.
 *
 * @param path the folder (absolute)
 */
public record StorageDir(Path path) {

	/** The environment variable that moves the folder. */
	public static final String VARIABLE = "MOONLIGHT_STORAGE_DIR";

	/** The Spring property that moves the folder; it outranks the variable. */
	public static final String PROPERTY = "moonlight.storage-dir";

	/** The folder's name under the project folder when nothing moves it. */
	public static final String DEFAULT = "storage";

	/**
	 * The folder for a project.
	 * @param projectDir the project folder (absolute)
	 * @param environment looks up {@value #PROPERTY} and {@value #VARIABLE} (in Spring:
	 * the environment; on the command line: system properties, then the process
	 * environment); {@code .env} is not read, so a command finds the folder without
	 * parsing the project's files
	 * @return the folder
	 */
	public static StorageDir of(Path projectDir, Function<String, String> environment) {
		String named = Optional.ofNullable(environment.apply(PROPERTY))
			.filter((value) -> !value.isBlank())
			.orElseGet(() -> environment.apply(VARIABLE));
		Path path = (named == null || named.isBlank()) ? projectDir.resolve(DEFAULT)
				: projectDir.resolve(named.strip());
		return new StorageDir(path.toAbsolutePath().normalize());
	}

	/** {@code data/}: the embedded database's files. */
	public Path data() {
		return this.path.resolve("data");
	}

	/** {@code run/}: pid file, admin RPC token, maintenance switch. */
	public Path run() {
		return this.path.resolve("run");
	}

	/** {@code logs/}: the detached server's log. */
	public Path logs() {
		return this.path.resolve("logs");
	}

}
