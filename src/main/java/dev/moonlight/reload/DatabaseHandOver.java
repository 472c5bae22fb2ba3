package dev.moonlight.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * How the two processes of a reload pass an embedded H2 file from one to the other, in a
 * file beside the {@link HandOverFile}: the old process, its calls drained and its pool
 * closed, writes {@code drained}; the new one, its calls held and its connections to the
 * old one closed, writes {@code released}; the old one, its database closed, writes
 * {@code closed}, and the new one opens the file itself.
 *
 * @param path the file ({@code storage/run/reload-<old pid>.database})
 */
record DatabaseHandOver(Path path) {

	static final String DRAINED = "drained";

	static final String RELEASED = "released";

	static final String CLOSED = "closed";

	private static final Duration POLL = Duration.ofMillis(20);

	/** The file beside a reload's status file. */
	static DatabaseHandOver beside(HandOverFile status) {
		return new DatabaseHandOver(status.beside("database"));
	}

	void write(String state) throws IOException {
		Files.createDirectories(this.path.getParent());
		Path temporary = Files.createTempFile(this.path.getParent(), ".database", ".tmp");
		Files.writeString(temporary, state + "\n", StandardCharsets.UTF_8);
		Files.move(temporary, this.path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Waits until the file says {@code state}, or {@code giveUp} is true, or
	 * {@code timeout} passed.
	 * @return whether the file said it
	 */
	boolean await(String state, Duration timeout, BooleanSupplier giveUp) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!says(state)) {
			if (giveUp.getAsBoolean() || Instant.now().isAfter(deadline)) {
				return says(state);
			}
			Thread.sleep(POLL.toMillis());
		}
		return true;
	}

	boolean says(String state) {
		try {
			return Files.readString(this.path, StandardCharsets.UTF_8).strip().equals(state);
		}
		catch (IOException ex) {
			return false;
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			// A file left behind names an old pid: no later reload reads it.
		}
	}

}
