package dev.moonlight.accesslog;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.moonlight.logging.LogFields;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The access log's two line formats. {@code PRETTY}:
 * {@code 13:18:42  POST    /api/v1/ task.list  200  1.2 KB   4ms}, coloured by status on
 * a terminal (after the instance id when {@code MOONLIGHT_INSTANCE} names it).
 * {@code RAW}: one JSON object a line with the same fields, the instance id, the request
 * id and the client's address, for machines.
 */
enum AccessLogFormat {

	PRETTY, RAW;

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
		.withZone(ZoneId.systemDefault());

	private static final String RESET = "\u001B[0m";

	String format(AccessEntry request, boolean colours, JsonMapper json) {
		return format(request, colours, json, null, false);
	}

	/**
	 * @param instance this instance's id, which raw lines carry, or {@code null}
	 * @param prettyInstance whether a pretty line starts with it too
	 */
	String format(AccessEntry request, boolean colours, JsonMapper json, String instance, boolean prettyInstance) {
		if (this == RAW) {
			return json(request, json, instance);
		}
		String line = pretty(request, colours);
		return (prettyInstance && instance != null) ? instance + "  " + line : line;
	}

	private static String pretty(AccessEntry request, boolean colours) {
		return pretty(request.start(), request.method(), request.path(), request.label(), request.status(),
				request.bytes(), request.durationNanos() / 1_000_000, colours);
	}

	/**
	 * The pretty line from its fields; {@link RawAccessLine} rebuilds it from a raw line
	 * with this too.
	 */
	static String pretty(Instant start, String method, String path, String label, int statusCode, long bytes,
			long durationMillis, boolean colours) {
		StringBuilder line = new StringBuilder(96);
		line.append(CLOCK.format(start)).append("  ");
		// Path and label come from the client (a 404 names what was asked for): one
		// escaped, bounded line.
		padRight(line, LogFields.safe(method), 7).append(' ').append(LogFields.safe(path));
		if (label != null) {
			line.append(' ').append(LogFields.safe(label));
		}
		line.append("  ");
		String status = Integer.toString(statusCode);
		line.append(colours ? colour(statusCode) + status + RESET : status);
		padLeft(line.append("  "), size(bytes), 7);
		padLeft(line.append("  "), Long.toString(durationMillis), 4).append("ms");
		return line.toString();
	}

	// String.format parses its pattern on every call: a fifth of a line's cost.
	private static StringBuilder padRight(StringBuilder line, String text, int width) {
		line.append(text);
		for (int i = text.length(); i < width; i++) {
			line.append(' ');
		}
		return line;
	}

	private static StringBuilder padLeft(StringBuilder line, String text, int width) {
		for (int i = text.length(); i < width; i++) {
			line.append(' ');
		}
		return line.append(text);
	}

	private static String json(AccessEntry request, JsonMapper json, String instance) {
		ObjectNode line = json.createObjectNode();
		line.put("time", request.start().toString());
		line.put("method", request.method());
		// JSON escapes control characters itself; the bound keeps one request from
		// writing megabytes.
		line.put("path", LogFields.safe(request.path()));
		line.put("action", (request.label() != null) ? LogFields.safe(request.label()) : null);
		line.put("status", request.status());
		line.put("bytes", request.bytes());
		line.put("duration_ms", request.durationNanos() / 1_000_000.0);
		line.put("request_id", request.requestId());
		InetSocketAddress client = request.client();
		line.put("remote",
				(client != null && client.getAddress() != null) ? client.getAddress().getHostAddress() : null);
		if (instance != null) {
			line.put("instance", instance);
		}
		return json.writeValueAsString(line);
	}

	static String size(long bytes) {
		if (bytes < 0) {
			return "-";
		}
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
	}

	private static String colour(int status) {
		if (status >= 500) {
			return "\u001B[31m";
		}
		if (status >= 400) {
			return "\u001B[33m";
		}
		if (status >= 300) {
			return "\u001B[36m";
		}
		return "\u001B[32m";
	}

}
