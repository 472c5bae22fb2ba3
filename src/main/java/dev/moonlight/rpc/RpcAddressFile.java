package dev.moonlight.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.Origin;
import dev.moonlight.storage.PrivateFiles;
import dev.moonlight.storage.StorageDir;

/**
 * {@value #PATH}: where the running server's admin RPC listens, as bound (the real port
 * when {@code rpc.listen} asked for port 0), with the server's pid. The server writes it
 * once its listener is bound and deletes it when the listener closes; the commands reach
 * the server there while that pid lives, and through {@code rpc.listen} otherwise (no
 * server, or one killed before it could delete the file).
 * <p>
 * Two lines, {@code address=tcp://127.0.0.1:41234} and {@code pid=4182}, mode 0600,
 * replaced whole, so a reader never sees half a file. When a reload's new process starts
 * beside the old one, the new one's address replaces the old one's, and the old one
 * leaves it there when it stops.
 */
final class RpcAddressFile {

	/**
	 * Where it is with the default storage folder, relative to the project folder (for
	 * messages and tests).
	 */
	static final String PATH = "storage/run/rpc.address";

	/** Its name in the storage folder's {@code run/}. */
	static final String NAME = "rpc.address";

	private final Path file;

	RpcAddressFile(StorageDir storage) {
		this.file = storage.run().resolve(NAME);
	}

	Path path() {
		return this.file;
	}

	/**
	 * For the server: records {@code address} as this process's.
	 * @return what the file now holds, for {@link #deleteIfStill(String)}
	 */
	String write(String address, long pid) throws IOException {
		String content = "address=" + address + "\npid=" + pid + "\n";
		PrivateFiles.replace(this.file, content);
		return content;
	}

	/**
	 * For the server when its listener closes: deletes the file unless another server (a
	 * reload's new process) has replaced it since.
	 */
	void deleteIfStill(String content) throws IOException {
		if (content.equals(readText().orElse(null))) {
			Files.deleteIfExists(this.file);
		}
	}

	/**
	 * For the commands: where the server listens, when the file names a live process and
	 * an address in the {@code rpc.listen} format.
	 * @param token the configured token, or {@code null} for the token file's
	 */
	Optional<RpcSettings> read(String token) {
		try {
			Optional<String> text = readText();
			if (text.isEmpty()) {
				return Optional.empty();
			}
			String address = value(text.get(), "address");
			long pid = Long.parseLong(value(text.get(), "pid"));
			if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
				return Optional.empty();
			}
			return Optional.of(RpcSettings.parse(new ConfigValue(address, new Origin(PATH, 0, "address")), token));
		}
		catch (IOException | NumberFormatException | ConfigException ex) {
			// Unreadable or not ours: rpc.listen says where the server is.
			return Optional.empty();
		}
	}

	private Optional<String> readText() throws IOException {
		try {
			return Optional.of(Files.readString(this.file, StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	private static String value(String text, String key) {
		return text.lines()
			.filter((line) -> line.startsWith(key + "="))
			.map((line) -> line.substring(key.length() + 1).strip())
			.findFirst()
			.orElse("");
	}

}
