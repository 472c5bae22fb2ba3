package dev.moonlight.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.moonlight.config.ApplicationDefaults;
import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcSettings;
import dev.moonlight.storage.StorageDir;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The project a command works on, found without booting Spring: its folder, the
 * application's short name, where a detached server keeps its pid and log, and the admin
 * RPC address its {@code .rr.yaml} names.
 *
 * @param dir the project folder (absolute)
 * @param name the command name ({@code shop} for {@code ShopApplication}): it names the
 * pid and log files
 * @param application what the application class declares: its name and the files its jar
 * carries
 */
record ProjectFolder(Path dir, String name, ApplicationDefaults application) {

	/** How long a command waits for the admin RPC to connect and answer. */
	static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The folder: the given one, else {@code moonlight.project-dir} (system property),
	 * {@code MOONLIGHT_PROJECT_DIR}, else the current folder; the same order the server
	 * itself uses.
	 */
	static ProjectFolder locate(Path explicit, CommandSpec root) {
		String dir = (explicit != null) ? explicit.toString() : environment("moonlight.project-dir");
		if (dir == null || dir.isBlank()) {
			dir = environment("MOONLIGHT_PROJECT_DIR");
		}
		if (dir == null || dir.isBlank()) {
			dir = System.getProperty("user.dir");
		}
		ApplicationDefaults application = (root.userObject() instanceof MoonlightCli.Root cli) ? cli.application()
				: ApplicationDefaults.NONE;
		return new ProjectFolder(Path.of(dir).toAbsolutePath().normalize(), root.name(), application);
	}

	/**
	 * What Spring would see as the process environment: system properties, then
	 * environment variables.
	 */
	static Function<String, String> environment() {
		return ProjectFolder::environment;
	}

	private static String environment(String name) {
		String property = System.getProperty(name);
		return (property != null) ? property : System.getenv(name);
	}

	/**
	 * The runtime folder, found as the server finds it: {@code MOONLIGHT_STORAGE_DIR},
	 * else {@code storage/}.
	 */
	StorageDir storage() {
		return StorageDir.of(dir, environment());
	}

	Path pidFile() {
		return storage().run().resolve(name + ".pid");
	}

	Path logFile() {
		return storage().logs().resolve(name + ".log");
	}

	/**
	 * What a detached server's JVM printed before its log took over (normally nothing).
	 */
	Path consoleFile() {
		return storage().logs().resolve(name + ".out");
	}

	/** A path for messages: relative to the project when inside it. */
	String show(Path path) {
		return path.startsWith(dir) ? dir.relativize(path).toString() : path.toString();
	}

	/**
	 * A client of this project's admin RPC; a malformed {@code rpc.listen} is a
	 * {@code ConfigException}.
	 */
	RpcClient rpc() {
		return rpc(RPC_TIMEOUT);
	}

	RpcClient rpc(Duration timeout) {
		return rpc(environment(), timeout);
	}

	/**
	 * A client as a boot with {@code environment} (command-line properties first, say)
	 * would configure it.
	 */
	RpcClient rpc(Function<String, String> environment) {
		return rpc(environment, RPC_TIMEOUT);
	}

	private RpcClient rpc(Function<String, String> environment, Duration timeout) {
		return new RpcClient(
				RpcSettings.read(MoonlightConfigLoader.files(dir, application.files(), environment), environment),
				storage(), timeout);
	}

	/**
	 * The process the pid file names, when it is alive and a Java process (a recycled pid
	 * is not ours).
	 */
	Optional<ProcessHandle> pidFileProcess() {
		return readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(ProjectFolder::looksLikeJava);
	}

	Optional<Long> readPid() {
		try {
			return Optional.of(Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).strip()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	void writePid(long pid) throws IOException {
		Path file = pidFile();
		Files.createDirectories(file.getParent());
		Path temporary = Files.createTempFile(file.getParent(), ".pid", ".tmp");
		Files.writeString(temporary, pid + System.lineSeparator(), StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	void deletePidFile() {
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ex) {
			// A pid file that cannot be deleted is only stale; the liveness check ignores
			// it next time.
		}
	}

	private static boolean looksLikeJava(ProcessHandle process) {
		return process.info().command().map((command) -> command.contains("java")).orElse(true);
	}

}
