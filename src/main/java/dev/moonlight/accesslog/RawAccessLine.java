package dev.moonlight.accesslog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a raw access-log line (the JSON object {@code --raw} writes) back into the pretty
 * line, so a detached server can keep machine-readable lines in its log file while
 * {@code runserver:logs} shows them to people.
 */
public final class RawAccessLine {

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The pretty form of {@code line}, or empty when it is not a raw access-log line (a
	 * log message, the banner).
	 * @param line one line of the log file
	 * @param colours whether to colour the status for a terminal
	 */
	public Optional<String> pretty(String line, boolean colours) {
		// Cheap test first: most lines of a log file are not access lines.
		if (!line.startsWith("{\"time\":")) {
			return Optional.empty();
		}
		try {
			JsonNode entry = json.readTree(line);
			if (!entry.path("method").isString() || !entry.path("path").isString() || !entry.path("status").isInt()) {
				return Optional.empty();
			}
			JsonNode action = entry.path("action");
			return Optional.of(AccessLogFormat.pretty(Instant.parse(entry.path("time").asString()),
					entry.path("method").asString(), entry.path("path").asString(),
					action.isString() ? action.asString() : null, entry.path("status").asInt(),
					entry.path("bytes").asLong(-1), (long) entry.path("duration_ms").asDouble(), colours));
		}
		catch (JacksonException | DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
