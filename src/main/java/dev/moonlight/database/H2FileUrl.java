package dev.moonlight.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file an H2 URL names: {@code jdbc:h2:/path/name} or {@code jdbc:h2:file:...}, with
 * {@code ~} for the home folder, options after {@code ;} left out. The crash recovery
 * marks it, and a reload checks that the old process serves the same one.
 */
public final class H2FileUrl {

	private static final List<String> NOT_A_FILE = List.of("mem:", "tcp:", "ssl:", "zip:");

	private H2FileUrl() {
	}

	/**
	 * The database file without H2's suffix, absolute; empty for memory, a server,
	 * another of H2's file systems ({@code split:}, {@code nio:}, ...), or a URL that is
	 * not H2's.
	 */
	public static Optional<Path> path(String jdbcUrl) {
		if (jdbcUrl == null || !jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
			return Optional.empty();
		}
		String location = jdbcUrl.substring("jdbc:h2:".length());
		int options = location.indexOf(';');
		location = (options < 0) ? location : location.substring(0, options);
		String lower = location.toLowerCase(Locale.ROOT);
		if (NOT_A_FILE.stream().anyMatch(lower::startsWith)) {
			return Optional.empty();
		}
		if (lower.startsWith("file:")) {
			location = location.substring("file:".length());
		}
		if (location.startsWith("~")) {
			location = System.getProperty("user.home") + location.substring(1);
		}
		if (location.isEmpty() || location.contains(":")) {
			return Optional.empty();
		}
		return Optional.of(Path.of(location).toAbsolutePath().normalize());
	}

}
