package dev.moonlight.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.storage.PrivateFiles;
import dev.moonlight.storage.StorageDir;

/**
 * {@value #PATH}: the admin RPC's token when neither {@code [rpc] TOKEN} nor
 * {@code RPC_TOKEN} sets one. The server makes it on its first run (32 random bytes in
 * hex, mode 0600) and the commands read it, so only the user who runs the server (and
 * root) can talk to its RPC: another local program, or a web page posting to the port,
 * cannot.
 */
final class RpcTokenFile {

	/**
	 * Where it is with the default storage folder, relative to the project folder (for
	 * messages and tests).
	 */
	static final String PATH = "storage/run/rpc.token";

	/** Its name in the storage folder's {@code run/}. */
	static final String NAME = "rpc.token";

	private static final int TOKEN_BYTES = 32;

	private static final Logger logger = LoggerFactory.getLogger(RpcTokenFile.class);

	private final Path file;

	RpcTokenFile(StorageDir storage) {
		this.file = storage.run().resolve(NAME);
	}

	Path path() {
		return this.file;
	}

	/**
	 * For the server: the token in the file, made now when there is none. A file that
	 * other users may read, or that holds no token, is replaced by a new one, with a
	 * warning: its token may be known.
	 * @throws UncheckedIOException when the file cannot be read or written
	 */
	String readOrCreate(SecureRandom random) {
		try {
			String fresh = HexFormat.of().formatHex(bytes(random));
			if (PrivateFiles.createNew(file, fresh + "\n")) {
				logger.info("Admin RPC: made its token in {} (readable by this user only)", PATH);
				return fresh;
			}
			Optional<String> existing = read();
			if (existing.isPresent() && PrivateFiles.ownerOnly(file)) {
				return existing.get();
			}
			logger.warn("Admin RPC: {} {}; replaced it with a new token readable by this user only", PATH,
					existing.isPresent() ? "could be read by other users (" + PrivateFiles.describe(file) + ")"
							: "held no token");
			PrivateFiles.replace(file, fresh + "\n");
			return fresh;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make the admin RPC token file " + file, ex);
		}
	}

	/**
	 * For the commands: the token, or empty when no server of this project has made one.
	 */
	Optional<String> read() throws IOException {
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
				.filter((token) -> !token.isEmpty());
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	private static byte[] bytes(SecureRandom random) {
		byte[] bytes = new byte[TOKEN_BYTES];
		random.nextBytes(bytes);
		return bytes;
	}

}
