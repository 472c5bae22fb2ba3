package dev.moonlight.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-by-line reader with PHP {@code parse_ini_file} semantics. Hand-written because
 * no maintained Java INI library keeps PHP's typing and quoting rules; it counts lines so
 * every value and error can name one.
 */
final class IniParser {

	// Letters, digits and the punctuation PHP keys use in practice (app:hello,
	// App\Switch, db.host); no spaces, so a stray "PORT 8000 = x" is reported instead of
	// becoming a key with a space in it.
	private static final Pattern KEY = Pattern.compile("([A-Za-z0-9_.\\-:/\\\\@]+)(\\[([^\\[\\]]*)\\])?");

	private static final String MALFORMED = "Expected key = value, a [section] header or a ; comment.";

	private final String[] lines;

	private final Map<String, Map<String, ConfigValue>> sections = new LinkedHashMap<>();

	private final Map<String, Map<String, List<ConfigValue>>> arrays = new LinkedHashMap<>();

	private String section = IniDocument.GLOBAL;

	private final String file;

	IniParser(String text, String file) {
		this.lines = TextLines.split(text);
		this.file = file;
	}

	IniDocument parse() {
		for (int i = 0; i < this.lines.length; i++) {
			parseLine(this.lines[i].strip(), i + 1);
		}
		return new IniDocument(IniDocument.freeze(this.sections), IniDocument.freezeArrays(this.arrays));
	}

	private void parseLine(String line, int number) {
		if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
			return;
		}
		if (line.startsWith("[")) {
			parseSection(line, number);
			return;
		}
		int equals = line.indexOf('=');
		if (equals < 0) {
			throw new ConfigException(new Origin(this.file, number, null), line, MALFORMED);
		}
		Matcher key = KEY.matcher(line.substring(0, equals).strip());
		if (!key.matches()) {
			throw new ConfigException(new Origin(this.file, number, null), line,
					"Invalid key; use letters, digits, _ - . : and an optional [] suffix.");
		}
		String displayKey = displayKey(key.group());
		Origin origin = new Origin(this.file, number, displayKey);
		ConfigValue value = new ConfigValue(parseValue(line.substring(equals + 1).strip(), origin), origin);
		if (key.group(2) != null) {
			this.arrays.computeIfAbsent(this.section, (name) -> new LinkedHashMap<>())
				.computeIfAbsent(key.group(1), (name) -> new ArrayList<>())
				.add(value);
		}
		else {
			this.sections.computeIfAbsent(this.section, (name) -> new LinkedHashMap<>()).put(key.group(1), value);
		}
	}

	private void parseSection(String line, int number) {
		int close = line.indexOf(']');
		Origin origin = new Origin(this.file, number, null);
		if (close < 0) {
			throw new ConfigException(origin, line, "Unclosed section header; write [name].");
		}
		String name = line.substring(1, close).strip();
		String rest = line.substring(close + 1).strip();
		if (name.isEmpty()) {
			throw new ConfigException(origin, line, "Section name is empty.");
		}
		if (!rest.isEmpty() && !rest.startsWith(";")) {
			throw new ConfigException(origin, line, "Unexpected text after the section header.");
		}
		this.section = name;
		// PHP lists a section even when it has no keys; keep it so hasSection() answers
		// as PHP would.
		this.sections.computeIfAbsent(name, (key) -> new LinkedHashMap<>());
	}

	private String displayKey(String key) {
		return this.section.equals(IniDocument.GLOBAL) ? key : "[" + this.section + "] " + key;
	}

	private static String parseValue(String text, Origin origin) {
		if (text.startsWith("\"")) {
			return quoted(text, '"', origin);
		}
		if (text.startsWith("'")) {
			return quoted(text, '\'', origin);
		}
		int comment = text.indexOf(';');
		String value = (comment >= 0) ? text.substring(0, comment).strip() : text;
		return phpConstant(value);
	}

	/** PHP turns these bare words into "1" and "" before the application sees them. */
	private static String phpConstant(String value) {
		switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "on", "yes":
				return "1";
			case "false", "off", "no", "none", "null":
				return "";
			default:
				return value;
		}
	}

	private static String quoted(String text, char quote, Origin origin) {
		StringBuilder value = new StringBuilder();
		int i = 1;
		while (i < text.length() && text.charAt(i) != quote) {
			char c = text.charAt(i);
			// Only double quotes know escapes, and only for the quote and the backslash,
			// so C:\path stays as is.
			if (quote == '"' && c == '\\' && i + 1 < text.length()
					&& (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
				c = text.charAt(++i);
			}
			value.append(c);
			i++;
		}
		if (i >= text.length()) {
			String name = (quote == '"') ? "double" : "single";
			throw new ConfigException(origin, text, "Unclosed " + name + " quote; close it on the same line.");
		}
		String rest = text.substring(i + 1).strip();
		if (!rest.isEmpty() && !rest.startsWith(";")) {
			throw new ConfigException(origin, text, "Unexpected text after the closing quote.");
		}
		return value.toString();
	}

}
