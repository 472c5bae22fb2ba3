package dev.moonlight.web;

/**
 * The path and query of a request target under {@code /api}, as sent (not decoded): the
 * origin form {@code /api/v1/?x=1}, or the absolute form {@code http://host/api/v1/} a
 * proxy may send.
 */
final class ApiTarget {

	private ApiTarget() {
	}

	/** The raw path when it is {@code /api} or under {@code /api/}, else {@code null}. */
	static String path(String uri) {
		int start = start(uri);
		if (start < 0 || !uri.startsWith("/api", start)) {
			return null;
		}
		int end = end(uri, start);
		if (end - start > 4 && uri.charAt(start + 4) != '/') {
			return null;
		}
		return (start == 0 && end == uri.length()) ? uri : uri.substring(start, end);
	}

	/** The raw query, or {@code null}. */
	static String query(String uri) {
		int query = uri.indexOf('?');
		if (query < 0) {
			return null;
		}
		int fragment = uri.indexOf('#', query);
		return uri.substring(query + 1, (fragment < 0) ? uri.length() : fragment);
	}

	/**
	 * Where the path starts: 0, after an absolute form's authority (which ends at the
	 * first {@code /}, {@code ?} or {@code #}), or -1 when there is no path.
	 */
	private static int start(String uri) {
		if (uri.startsWith("/")) {
			return 0;
		}
		int scheme = uri.indexOf("://");
		if (scheme <= 0 || uri.lastIndexOf('/', scheme) >= 0) {
			return -1;
		}
		for (int i = scheme + 3; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c == '/') {
				return i;
			}
			if (c == '?' || c == '#') {
				return -1;
			}
		}
		return -1;
	}

	private static int end(String uri, int start) {
		for (int i = start; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c == '?' || c == '#') {
				return i;
			}
		}
		return uri.length();
	}

}
