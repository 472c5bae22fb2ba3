package dev.moonlight.config;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in {@code .rr.yaml} values, as
 * RoadRunner does. An unset variable without a default becomes the empty string;
 * {@code :-} also replaces a variable set to "".
 */
final class EnvExpander {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

	private EnvExpander() {
	}

	static String expand(String value, Function<String, String> env) {
		// Most values have no "$": hand them back untouched, allocating nothing
		// (RoadRunner's expand.go does too).
		if (value.indexOf('$') < 0) {
			return value;
		}
		StringBuilder out = new StringBuilder(value.length() + 16);
		int i = 0;
		while (i < value.length()) {
			int close = value.startsWith("${", i) ? value.indexOf('}', i + 2) : -1;
			String replacement = (close > 0) ? replacement(value.substring(i + 2, close), env) : null;
			if (replacement == null) {
				out.append(value.charAt(i++));
			}
			else {
				out.append(replacement);
				i = close + 1;
			}
		}
		return out.toString();
	}

	/**
	 * The text for one {@code ${...}} expression, or {@code null} to keep it literally
	 * (not a variable).
	 */
	private static String replacement(String expression, Function<String, String> env) {
		int separator = expression.indexOf(":-");
		String name = (separator >= 0) ? expression.substring(0, separator) : expression;
		if (!NAME.matcher(name).matches()) {
			return null;
		}
		String value = env.apply(name);
		if (separator >= 0 && (value == null || value.isEmpty())) {
			return expression.substring(separator + 2);
		}
		return (value != null) ? value : "";
	}

}
