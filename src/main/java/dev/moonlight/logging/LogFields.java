package dev.moonlight.logging;

import java.util.Locale;

/**
 * Makes a value a caller sent safe to put into a log line: control characters are escaped
 * ({@code \n}, {@code \r}, {@code \t}, else a backslash-u and four hex digits), so a line
 * break cannot forge a second line nor an escape sequence drive the terminal, and the
 * value is cut at {@link #MAX_LENGTH} characters, so one request cannot write megabytes
 * of log.
 */
public final class LogFields {

	/** The most characters of one value a log line shows, escapes included. */
	public static final int MAX_LENGTH = 256;

	private LogFields() {
	}

	/**
	 * {@code value} escaped and bounded; {@code null} stays {@code "null"}, as the logger
	 * would print it.
	 */
	public static String safe(Object value) {
		String text = String.valueOf(value);
		StringBuilder out = null;
		int i = 0;
		for (; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean plain = !isControl(c);
			if (out == null && plain && i < MAX_LENGTH) {
				continue;
			}
			if (out == null) {
				out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16).append(text, 0, i);
			}
			if (out.length() >= MAX_LENGTH) {
				break;
			}
			appendEscaped(out, c);
		}
		if (out == null) {
			return text;
		}
		return (i < text.length()) ? out.append("…(").append(text.length() - i).append(" more)").toString()
				: out.toString();
	}

	/**
	 * C0 and C1 controls, DEL, and the Unicode line and paragraph separators some viewers
	 * break lines at.
	 */
	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
	}

	private static void appendEscaped(StringBuilder out, char c) {
		switch (c) {
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> {
				if (isControl(c)) {
					out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
				}
				else {
					out.append(c);
				}
			}
		}
	}

}
