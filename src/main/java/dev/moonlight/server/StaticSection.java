package dev.moonlight.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static files served at {@code /}: {@code public/} in the project folder when it exists,
 * or RoadRunner's {@code http.static.dir}. {@code /api} and everything below it always
 * belong to the API.
 *
 * @param dir the folder, absolute and real (symbolic links resolved)
 * @param forbid {@code http.static.forbid}: file extensions never served, lowercased with
 * the dot ({@code .php})
 * @param allow {@code http.static.allow}: when not empty, the only extensions served
 * @param maxAgeSeconds {@code http.static.max_age}: seconds a client may reuse a file
 * without asking again; 0 (default) sends {@code Cache-Control: no-cache}, so clients
 * revalidate with the ETag or Last-Modified every time
 * @param earlyHints {@code http.static.early_hints}: per request path, the {@code Link}
 * values of the {@code 103 Early Hints} sent before the file
 */
record StaticSection(Path dir, Set<String> forbid, Set<String> allow, long maxAgeSeconds,
		Map<String, List<String>> earlyHints) {

	/**
	 * The folder served when {@code http.static.dir} is not set, relative to the project
	 * folder.
	 */
	static final String DEFAULT_DIR = "public";

	StaticSection {
		forbid = Set.copyOf(forbid);
		allow = Set.copyOf(allow);
		earlyHints = Map.copyOf(earlyHints);
	}

}
