package dev.moonlight.config;

/**
 * Splits file text into lines the way editors number them, for the line-counting readers.
 */
final class TextLines {

	private TextLines() {
	}

	static String[] split(String text) {
		// A UTF-8 byte-order mark from Windows editors would otherwise become part of the
		// first key.
		String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
		return body.split("\r\n|\r|\n", -1);
	}

}
