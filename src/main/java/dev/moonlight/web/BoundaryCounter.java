package dev.moonlight.web;

import java.nio.charset.StandardCharsets;

/**
 * Counts the parts of a multipart body before it is parsed, in one pass whatever the
 * boundary (Knuth–Morris–Pratt): a naive search is quadratic in the boundary's length for
 * a body built to make it so.
 */
final class BoundaryCounter {

	private BoundaryCounter() {
	}

	/**
	 * Delimiter lines ({@code --boundary}) less the closing one: the number of parts a
	 * parser would find.
	 */
	static int parts(byte[] body, String boundary) {
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		int[] fallback = fallback(delimiter);
		int delimiters = 0;
		int matched = 0;
		for (byte b : body) {
			while (matched > 0 && b != delimiter[matched]) {
				matched = fallback[matched - 1];
			}
			if (b == delimiter[matched]) {
				matched++;
			}
			if (matched == delimiter.length) {
				delimiters++;
				matched = fallback[matched - 1];
			}
		}
		return Math.max(0, delimiters - 1);
	}

	/**
	 * For each prefix of the pattern, the length of its longest proper prefix that is
	 * also its suffix.
	 */
	private static int[] fallback(byte[] pattern) {
		int[] fallback = new int[pattern.length];
		int length = 0;
		for (int i = 1; i < pattern.length; i++) {
			while (length > 0 && pattern[i] != pattern[length]) {
				length = fallback[length - 1];
			}
			if (pattern[i] == pattern[length]) {
				length++;
			}
			fallback[i] = length;
		}
		return fallback;
	}

}
