package studio.northwind.deskflow.hostile;

import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What came back for one hostile input, the same shape for every transport.
 *
 * @param status the HTTP status, or -1 for a transport without one (or no answer at all)
 * @param head the status line and headers, empty when not HTTP
 * @param body the body, the answer frame or the answer line; {@code null} when the
 * connection closed with no answer
 */
record Answer(int status, String head, String body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Answer line(String text) {
		return new Answer(-1, "", text);
	}

	static Answer closed() {
		return new Answer(-1, "", null);
	}

	boolean isClosed() {
		return body == null && status < 0;
	}

	/**
	 * The body as JSON, or {@code null} when it is not JSON (a static file, an
	 * {@code ERROR 413} line).
	 */
	JsonNode json() {
		if (body == null || body.isBlank() || !(body.strip().startsWith("{"))) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The first value of a header, ignoring case; {@code null} when absent. */
	String header(String name) {
		String wanted = name.toLowerCase(Locale.ROOT) + ":";
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
				return line.substring(wanted.length()).strip();
			}
		}
		return null;
	}

	@Override
	public String toString() {
		String shown = (body == null) ? "<connection closed, no answer>" : body;
		if (shown.length() > 600) {
			shown = shown.substring(0, 600) + "... (" + shown.length() + " chars)";
		}
		return ((status >= 0) ? "HTTP " + status + " " : "") + shown;
	}

}
