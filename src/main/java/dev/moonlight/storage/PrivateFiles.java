package dev.moonlight.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only their owner may read, for secrets and runtime state under {@code storage/}
 * (the admin RPC token, the maintenance switch with its bypass token). Each file is born
 * with mode 0600 (its folder, when made here, 0700), so there is no moment at which
 * another user could read it, and its content appears whole: it is written to a private
 * temporary file first, then linked or moved into place. On a file system without POSIX
 * permissions (Windows) the permissions of the user's folders apply.
 */
public final class PrivateFiles {

	private static final Set<PosixFilePermission> OWNER_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE);

	private static final Set<PosixFilePermission> OWNER_FOLDER = EnumSet.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

	private PrivateFiles() {
	}

	/**
	 * Creates {@code file} holding {@code text} unless it exists; never replaces one, so
	 * two processes racing to create it agree on the first one's content.
	 * @return false when the file existed already
	 */
	public static boolean createNew(Path file, String text) throws IOException {
		Path temporary = temporaryBeside(file, text);
		try {
			Files.createLink(file, temporary);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException | FileSystemException ex) {
			// No hard links here: an exclusive create is as safe, only a reader might see
			// it empty for a moment (and a real failure, such as a folder that is not
			// ours, fails the same way there).
			return createEmptyThenWrite(file, text);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Creates or replaces {@code file} with {@code text} in one atomic move. */
	public static void replace(Path file, String text) throws IOException {
		Path temporary = temporaryBeside(file, text);
		try {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** A file that exists is a {@link FileAlreadyExistsException}. */
	private static void createEmpty(Path file) throws IOException {
		try {
			Files.createFile(file, ownerOnly(OWNER_FILE));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
	}

	/**
	 * Whether no one but the owner may read or write {@code file} (always true without
	 * POSIX permissions).
	 */
	public static boolean ownerOnly(Path file) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		return view == null || OWNER_FILE.containsAll(view.readAttributes().permissions());
	}

	/**
	 * The permissions as {@code ls} shows them ({@code rw-r--r--}), or {@code ?} without
	 * POSIX permissions.
	 */
	public static String describe(Path file) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		return (view != null) ? PosixFilePermissions.toString(view.readAttributes().permissions()) : "?";
	}

	private static Path temporaryBeside(Path file, String text) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		createFolders(folder);
		Path temporary;
		try {
			temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp", ownerOnly(OWNER_FILE));
		}
		catch (UnsupportedOperationException ex) {
			temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
		}
		// Synced before the move, so a power loss leaves the old file or the new one,
		// never an empty one.
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
			ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.force(true);
			return temporary;
		}
		catch (IOException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
	}

	private static boolean createEmptyThenWrite(Path file, String text) throws IOException {
		try {
			createEmpty(file);
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		Files.writeString(file, text, StandardCharsets.UTF_8);
		return true;
	}

	/**
	 * The file's own folder, when made here, is the owner's alone; folders that exist
	 * keep their permissions.
	 */
	private static void createFolders(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return;
		}
		Files.createDirectories(folder.getParent());
		try {
			Files.createDirectory(folder, ownerOnly(OWNER_FOLDER));
		}
		catch (UnsupportedOperationException ex) {
			Files.createDirectory(folder);
		}
		catch (FileAlreadyExistsException ex) {
			// Another process made it first.
		}
	}

	private static FileAttribute<Set<PosixFilePermission>> ownerOnly(Set<PosixFilePermission> permissions) {
		return PosixFilePermissions.asFileAttribute(permissions);
	}

}
