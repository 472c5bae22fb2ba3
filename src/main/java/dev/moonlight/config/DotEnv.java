package dev.moonlight.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code environment/.env}: {@code KEY=value} lines (optionally
 * {@code export KEY=value}), {@code #} comments, double quotes with {@code \n}-style
 * escapes, literal single quotes, and {@code  #} comments after unquoted values. Real
 * process environment variables override these values; see {@link ProjectFiles#env}.
 */
public final class DotEnv {

	/** The file's path relative to the project directory. */
	public static final String FILE = "environment/.env";

	private static final DotEnv EMPTY = new DotEnv(Map.of());

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

	private final Map<String, ConfigValue> values;

	private DotEnv(Map<String, ConfigValue> values) {
		this.values = values;
	}

	/** A .env without variables, for a project that has no .env file. */
	public static DotEnv empty() {
		return EMPTY;
	}

	/**
	 * Parses the text of a .env file.
	 * @param text the file content
	 * @return the variables in file order (a repeated name keeps its last value)
	 * @throws ConfigException naming {@code environment/.env:LINE} for a malformed line
	 */
	public static DotEnv parse(String text) {
		String[] lines = TextLines.split(text);
		Map<String, ConfigValue> values = new LinkedHashMap<>();
		for (int i = 0; i < lines.length; i++) {
			ConfigValue value = parseLine(lines[i], i + 1);
			if (value != null) {
				values.put(value.origin().key(), value);
			}
		}
		return new DotEnv(Collections.unmodifiableMap(values));
	}

	/** The variable as written in the file; does not consult the process environment. */
	public Optional<ConfigValue> get(String name) {
		return Optional.ofNullable(this.values.get(name));
	}

	/** All variables in file order. */
	public Map<String, ConfigValue> entries() {
		return this.values;
	}

	private static ConfigValue parseLine(String line, int number) {
		String text = line.strip();
		if (text.isEmpty() || text.startsWith("#")) {
			return null;
		}
		if (text.startsWith("export ") || text.startsWith("export\t")) {
			text = text.substring("export".length()).strip();
		}
		int equals = text.indexOf('=');
		if (equals < 0) {
			throw new ConfigException(new Origin(FILE, number, null), line.strip(),
					"Expected KEY=value or a # comment.");
		}
		String name = text.substring(0, equals).strip();
		if (!NAME.matcher(name).matches()) {
			throw new ConfigException(new Origin(FILE, number, null), line.strip(),
					"Invalid variable name; use letters, digits and _, starting with a letter or _.");
		}
		Origin origin = new Origin(FILE, number, name);
		return new ConfigValue(parseValue(text.substring(equals + 1), origin), origin);
	}

	private static String parseValue(String rest, Origin origin) {
		String text = rest.stripLeading();
		if (text.startsWith("\"") || text.startsWith("'")) {
			return quoted(text, origin);
		}
		for (int i = 1; i < rest.length(); i++) {
			// "#" starts a comment only after whitespace, so URLs with fragments and
			// passwords with # survive.
			if (rest.charAt(i) == '#' && Character.isWhitespace(rest.charAt(i - 1))) {
				return rest.substring(0, i).strip();
			}
		}
		return rest.strip();
	}

	private static String quoted(String text, Origin origin) {
		char quote = text.charAt(0);
		StringBuilder value = new StringBuilder();
		int i = 1;
		for (; i < text.length() && text.charAt(i) != quote; i++) {
			char c = text.charAt(i);
			if (quote == '"' && c == '\\' && i + 1 < text.length()) {
				value.append(escape(text.charAt(++i)));
			}
			else {
				value.append(c);
			}
		}
		if (i >= text.length()) {
			throw new ConfigException(origin, text.strip(), "Unclosed quote; close it on the same line.");
		}
		String after = text.substring(i + 1).strip();
		if (!after.isEmpty() && !after.startsWith("#")) {
			throw new ConfigException(origin, text.strip(), "Unexpected text after the closing quote.");
		}
		return value.toString();
	}

	private static String escape(char c) {
		return switch (c) {
			case 'n' -> "\n";
			case 'r' -> "\r";
			case 't' -> "\t";
			case '"', '\\', '$' -> String.valueOf(c);
			default -> "\\" + c;
		};
	}

}
