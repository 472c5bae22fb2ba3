package dev.moonlight.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Function;

import dev.moonlight.storage.StorageDir;

/**
 * The file through which a reload's new process tells the old one (and the {@code reload}
 * command) how its start went: {@code ready <pid>}, or {@code failed <pid>} and the
 * reason on the lines after. The old process names it in the new one's environment
 * ({@value #VARIABLE}), so only the process it started can answer, and it lives in
 * {@code storage/run/}, which only the server's user may write.
 *
 * @param path the file
 */
public record HandOverFile(Path path) {

	/**
	 * The environment variable that names the file; its presence makes a process a
	 * reload's new process.
	 */
	public static final String VARIABLE = "MOONLIGHT_RELOAD_STATUS";

	private static final String PREFIX = "reload-";

	private static final String SUFFIX = ".status";

	/** The file for a reload of the process {@code oldPid}. */
	public static HandOverFile of(StorageDir storage, long oldPid) {
		return new HandOverFile(storage.run().resolve(PREFIX + oldPid + SUFFIX));
	}

	/** The process the reload replaces: the pid in {@code reload-<pid>.status}. */
	long oldPid() {
		String name = path.getFileName().toString();
		return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
	}

	/** A file of the same reload beside this one: {@code reload-<pid>.<extension>}. */
	Path beside(String extension) {
		return path.resolveSibling(PREFIX + oldPid() + "." + extension);
	}

	/**
	 * This process's file when a reload started it, from {@code environment}
	 * ({@link System#getenv} in a server).
	 */
	public static Optional<HandOverFile> ofEnvironment(Function<String, String> environment) {
		return Optional.ofNullable(environment.apply(VARIABLE))
			.filter((value) -> !value.isBlank())
			.map((value) -> new HandOverFile(Path.of(value)));
	}

	/** The new process {@code pid} serves: the old one may drain. */
	public void ready(long pid) throws IOException {
		write("ready " + pid + "\n");
	}

	/**
	 * The new process {@code pid} did not start, for {@code reason}; the old one keeps
	 * serving.
	 */
	public void failed(long pid, String reason) throws IOException {
		write("failed " + pid + "\n" + reason + "\n");
	}

	/** What the new process said so far; empty while it is still starting. */
	public Optional<Outcome> read() {
		String text;
		try {
			text = Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		int newline = text.indexOf('\n');
		if (newline < 0) {
			return Optional.empty();
		}
		String[] head = text.substring(0, newline).split(" ", 2);
		if (head.length != 2 || !("ready".equals(head[0]) || "failed".equals(head[0]))) {
			return Optional.empty();
		}
		try {
			return Optional
				.of(new Outcome("ready".equals(head[0]), Long.parseLong(head[1]), text.substring(newline + 1).strip()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** Removes an earlier reload's file, so its outcome is not taken for this one's. */
	public void delete() throws IOException {
		Files.deleteIfExists(path);
	}

	/** Whole or not at all: a reader never sees half a line. */
	private void write(String text) throws IOException {
		Files.createDirectories(path.getParent());
		Path temporary = Files.createTempFile(path.getParent(), ".reload", ".tmp");
		Files.writeString(temporary, text, StandardCharsets.UTF_8);
		Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * What a reload's new process said.
	 *
	 * @param ready whether it serves
	 * @param pid its pid
	 * @param reason why it did not start (empty when ready)
	 */
	public record Outcome(boolean ready, long pid, String reason) {
	}

}
