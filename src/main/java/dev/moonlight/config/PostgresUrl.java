package dev.moonlight.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.moonlight.config.DatabaseSettings.Kind;

/**
 * Turns the {@code postgres://user:password@host:port/database?query} form that hosting
 * platforms hand out into a JDBC URL plus credentials, because the PostgreSQL driver does
 * not read credentials from the authority.
 */
final class PostgresUrl {

	static final int DEFAULT_PORT = 5432;

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

	private static final String FORM = "Use postgres://user:password@host:5432/database (percent-encode special characters).";

	private PostgresUrl() {
	}

	static DatabaseSettings toSettings(ConfigValue value) {
		String url = value.value().strip();
		String rest = url.substring(url.indexOf("://") + 3);
		int authorityEnd = indexOfAny(rest, "/?#");
		String authority = rest.substring(0, authorityEnd);
		String tail = rest.substring(authorityEnd);
		int at = authority.lastIndexOf('@');
		String userInfo = (at >= 0) ? authority.substring(0, at) : null;
		String hostPort = authority.substring(at + 1);
		String username = null;
		String password = null;
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo, value);
			password = (colon >= 0) ? decode(userInfo.substring(colon + 1), value) : null;
		}
		String jdbcUrl = "jdbc:postgresql://" + hostAndPort(hostPort, value)
				+ (tail.startsWith("/") ? tail : "/" + tail);
		return new DatabaseSettings(Kind.POSTGRESQL, jdbcUrl, username, password);
	}

	private static String hostAndPort(String hostPort, ConfigValue value) {
		String host;
		String port = null;
		if (hostPort.startsWith("[")) {
			int close = hostPort.indexOf(']');
			if (close < 0) {
				throw masked(value).invalid(FORM);
			}
			host = hostPort.substring(1, close);
			String rest = hostPort.substring(close + 1);
			port = rest.startsWith(":") ? rest.substring(1) : null;
		}
		else {
			int colon = hostPort.lastIndexOf(':');
			host = (colon >= 0) ? hostPort.substring(0, colon) : hostPort;
			port = (colon >= 0) ? hostPort.substring(colon + 1) : null;
		}
		if (host.isBlank()) {
			throw masked(value).invalid("The URL names no host. " + FORM);
		}
		int number = (port == null) ? DEFAULT_PORT : (int) ValueParsers.wholeNumber(port, 1, 65535, masked(value),
				"Port must be a whole number between 1 and 65535.");
		return hostForUrl(host) + ":" + number;
	}

	static String hostForUrl(String host) {
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

	/**
	 * The value with its password replaced, so an error message never prints a secret.
	 */
	static ConfigValue masked(ConfigValue value) {
		String text = PASSWORD_PARAMETER.matcher(value.value()).replaceAll("$1******");
		int scheme = text.indexOf("://");
		int at = text.lastIndexOf('@');
		int colon = (scheme >= 0) ? text.indexOf(':', scheme + 3) : -1;
		if (scheme >= 0 && at >= 0 && colon >= 0 && colon < at) {
			text = text.substring(0, colon + 1) + "******" + text.substring(at);
		}
		return new ConfigValue(text, value.origin());
	}

	private static String decode(String text, ConfigValue value) {
		try {
			// URLDecoder is for forms and turns "+" into a space; in a URL's user info
			// "+" is a plus.
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw masked(value).invalid("Bad percent-encoding in the user or password. " + FORM);
		}
	}

	private static int indexOfAny(String text, String chars) {
		for (int i = 0; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

}
