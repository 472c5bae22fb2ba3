package dev.moonlight.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Typed reads of raw values; each failure names the value's origin and says what a valid
 * value looks like.
 */
final class ValueParsers {

	static final String PORT_REASON = "Port must be a whole number between 0 and 65535.";

	private static final Pattern WHOLE_NUMBER = Pattern.compile("\\+?[0-9]{1,18}");

	private ValueParsers() {
	}

	/** true/on/yes/1 or false/off/no/0, and the empty value PHP makes of false. */
	static boolean bool(ConfigValue value) {
		switch (value.value().strip().toLowerCase(Locale.ROOT)) {
			case "1", "true", "on", "yes":
				return true;
			case "", "0", "false", "off", "no", "none":
				return false;
			default:
				throw value.invalid("Expected a boolean: true/false, on/off, yes/no or 1/0.");
		}
	}

	static int port(ConfigValue value) {
		return port(value.value(), value);
	}

	/**
	 * Parses {@code text} as a port; {@code value} is what the error names (text may be
	 * part of it).
	 */
	static int port(String text, ConfigValue value) {
		return (int) wholeNumber(text, 0, 65535, value, PORT_REASON);
	}

	static long wholeNumber(ConfigValue value, long min, long max, String reason) {
		return wholeNumber(value.value(), min, max, value, reason);
	}

	/**
	 * Parses {@code text} (perhaps a part of {@code value}) as a whole number; errors
	 * quote {@code value}.
	 */
	static long wholeNumber(String text, long min, long max, ConfigValue value, String reason) {
		String trimmed = text.strip();
		if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
			throw value.invalid(reason);
		}
		long number = Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
		if (number < min || number > max) {
			throw value.invalid(reason);
		}
		return number;
	}

}
