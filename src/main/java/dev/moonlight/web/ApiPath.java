package dev.moonlight.web;

/**
 * A path under {@code /api}, split once: the version root ({@code /api/v1/}), its ping, a
 * {@code /api/v1/{service}/{action}} call, or anything else (404). Trailing slashes are optional.
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

	static ApiPath parse(String path) {
		int start = "/api".length();
		int end = path.endsWith("/") ? path.length() - 1 : path.length();
		if (end <= start + 1 || path.charAt(start) != '/') {
			return UNKNOWN_PATH;
		}
		String[] segments = path.substring(start + 1, end).split("/", -1);
		for (String segment : segments) {
			if (segment.isEmpty()) {
				return UNKNOWN_PATH;
			}
		}
		return switch (segments.length) {
			case 1 -> new ApiPath(Kind.ROOT, segments[0], null, null);
			case 2 -> "ping".equals(segments[1]) ? new ApiPath(Kind.PING, segments[0], null, null) : UNKNOWN_PATH;
			case 3 -> new ApiPath(Kind.ACTION, segments[0], segments[1], segments[2]);
			default -> UNKNOWN_PATH;
		};
	}

}
