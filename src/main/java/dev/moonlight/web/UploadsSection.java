package dev.moonlight.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.RrYaml;

/**
 * RoadRunner's {@code http.uploads}: where the file parts of a multipart body spill while
 * it is parsed, and which file name extensions are refused. Extensions compare without
 * case; {@code forbid} wins over {@code allow}; a non-empty {@code allow} refuses every
 * other extension (a name without one included).
 *
 * @param dir {@code dir}: file parts over {@link #SPILL_BYTES} are written here while the
 * body is parsed, then read and deleted; empty keeps every part in memory
 * @param forbid {@code forbid}, RoadRunner's {@code .php}, {@code .exe}, {@code .bat}
 * when not written
 * @param allow {@code allow}: when not empty, the only extensions taken
 */
record UploadsSection(Optional<Path> dir, Set<String> forbid, Set<String> allow) {

	/** RoadRunner's default {@code forbid}. */
	static final Set<String> DEFAULT_FORBID = Set.of(".php", ".exe", ".bat");

	/** A file part larger than this goes to {@code dir} while the body is parsed. */
	static final int SPILL_BYTES = 64 * 1024;

	static final UploadsSection DEFAULTS = new UploadsSection(Optional.empty(), DEFAULT_FORBID, Set.of());

	static UploadsSection read(RrYaml rr, Path projectDir) {
		Optional<Path> dir = rr.get("http.uploads.dir")
			.filter((value) -> !value.isBlank())
			.map((value) -> directory(value, projectDir));
		Set<String> forbid = rr.has("http.uploads.forbid") ? extensions(rr.list("http.uploads.forbid"))
				: DEFAULT_FORBID;
		return new UploadsSection(dir, forbid, extensions(rr.list("http.uploads.allow")));
	}

	/**
	 * Why a file of this name is refused, naming the key; empty when it is taken.
	 */
	Optional<String> refusal(String filename) {
		String extension = extension(filename);
		if (this.forbid.contains(extension)) {
			return Optional.of("files ending in " + extension + " are refused (http.uploads.forbid)");
		}
		if (!this.allow.isEmpty() && !this.allow.contains(extension)) {
			return Optional.of((extension.isEmpty() ? "files without an extension" : "files ending in " + extension)
					+ " are refused (http.uploads.allow)");
		}
		return Optional.empty();
	}

	/** Go's {@code filepath.Ext}, lower case: from the last dot of the base name. */
	static String extension(String filename) {
		if (filename == null) {
			return "";
		}
		String base = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
		int dot = base.lastIndexOf('.');
		return (dot < 0) ? "" : base.substring(dot).toLowerCase(Locale.ROOT);
	}

	private static Set<String> extensions(List<ConfigValue> values) {
		Set<String> extensions = new LinkedHashSet<>();
		for (ConfigValue value : values) {
			String text = value.value().strip().toLowerCase(Locale.ROOT);
			if (!text.isEmpty()) {
				extensions.add(text.startsWith(".") ? text : "." + text);
			}
		}
		return Set.copyOf(extensions);
	}

	private static Path directory(ConfigValue value, Path projectDir) {
		Path dir = projectDir.resolve(value.value().strip()).toAbsolutePath().normalize();
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw value.invalid("Cannot create the folder " + dir + " (" + ex.getMessage() + ").");
		}
		if (!Files.isWritable(dir)) {
			throw value.invalid("The folder " + dir + " is not writable.");
		}
		return dir;
	}

}
