package dev.moonlight.web;

/**
 * A path under {@code /api}, split once: the version root ({@code /api/v1/}), its ping, a
 * {@code /api/v1/{service}/{action}} call, or anything else (404). Trailing slashes are
 * optional.
 */
record ApiPath(Kind kind, String version, String service, String action) {

	enum Kind {

		ROOT("GET, HEAD, POST"), PING("GET, HEAD"), ACTION("POST"), UNKNOWN("");

		final String allow;

		Kind(String allow) {
			this.allow = allow;
		}

	}

	private static final ApiPath UNKNOWN_PATH = new ApiPath(Kind.UNKNOWN, null, null, null);

	/**
	 * Split by hand: it runs on every API request, where a regex split showed.
	 */
	static ApiPath parse(String path) {
		int start = "/api/".length();
		int end = path.endsWith("/") ? path.length() - 1 : path.length();
		if (end <= start || !path.startsWith("/api/")) {
			return UNKNOWN_PATH;
		}
		String[] segments = new String[3];
		int count = 0;
		int from = start;
		while (from <= end) {
			int slash = path.indexOf('/', from);
			int to = (slash < 0 || slash > end) ? end : slash;
			if (to == from || count == segments.length) {
				return UNKNOWN_PATH;
			}
			segments[count++] = path.substring(from, to);
			from = to + 1;
		}
		return switch (count) {
			case 1 -> new ApiPath(Kind.ROOT, segments[0], null, null);
			case 2 -> "ping".equals(segments[1]) ? new ApiPath(Kind.PING, segments[0], null, null) : UNKNOWN_PATH;
			default -> new ApiPath(Kind.ACTION, segments[0], segments[1], segments[2]);
		};
	}

}
