package dev.moonlight.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a growing log file the way {@code tail -F} does: the last lines first, then
 * whatever is appended. A file that shrinks (truncated) is read again from its start; a
 * file replaced by another (rotated) is reopened.
 */
final class LogTail {

	/**
	 * How far back from the end the last lines are looked for; longer lines are cut at
	 * this many bytes.
	 */
	private static final int BLOCK = 64 * 1024;

	private final Path file;

	private long position;

	private Object fileKey;

	/** Bytes of a line whose end has not been written yet. */
	private byte[] partial = new byte[0];

	LogTail(Path file) {
		this.file = file;
	}

	/** The last {@code count} complete lines, and remembers where they end. */
	List<String> last(int count) throws IOException {
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long size = in.length();
			long start = size;
			byte[] tail = new byte[0];
			while (start > 0 && newlines(tail) <= count) {
				int length = (int) Math.min(BLOCK, start);
				start -= length;
				byte[] block = new byte[length];
				in.seek(start);
				in.readFully(block);
				tail = concat(block, tail);
			}
			fileKey = key();
			position = size;
			List<String> lines = split(tail);
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
	}

	/**
	 * Hands every complete line appended since the last call to {@code sink}.
	 * @return whether the file exists (it may be between a rotation's rename and
	 * re-creation)
	 */
	boolean poll(Consumer<String> sink) throws IOException {
		Object key;
		long size;
		try {
			key = key();
			size = Files.size(file);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		if ((fileKey != null && !fileKey.equals(key)) || size < position) {
			position = 0;
			partial = new byte[0];
		}
		fileKey = key;
		if (size > position) {
			try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
				in.seek(position);
				byte[] added = new byte[(int) Math.min(size - position, Integer.MAX_VALUE - 8)];
				in.readFully(added);
				position += added.length;
				List<String> lines = split(concat(partial, added));
				lines.forEach(sink);
			}
		}
		return true;
	}

	/**
	 * Splits at newlines; a last piece without its newline is kept for the next read (it
	 * is still being written).
	 */
	private List<String> split(byte[] bytes) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				int end = (i > start && bytes[i - 1] == '\r') ? i - 1 : i;
				lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
				start = i + 1;
			}
		}
		partial = Arrays.copyOfRange(bytes, start, bytes.length);
		return lines;
	}

	private Object key() throws IOException {
		Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		return (key != null) ? key : file;
	}

	private static int newlines(byte[] bytes) {
		int count = 0;
		for (byte b : bytes) {
			if (b == '\n') {
				count++;
			}
		}
		return count;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] joined = new byte[first.length + second.length];
		System.arraycopy(first, 0, joined, 0, first.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
