package dev.moonlight.web;

import org.springframework.http.HttpHeaders;

/**
 * The headers of a page that holds a login token (the board, {@code /docs}): never framed
 * (clickjacking), never sniffed as another type, never naming its address to the sites it
 * links to; each page brings its own Content-Security-Policy.
 */
public final class PageHeaders {

	private PageHeaders() {
	}

	/**
	 * Sets the page headers and the given policy on an answer's headers.
	 * @param headers the answer's headers
	 * @param contentSecurityPolicy the page's own policy
	 */
	public static void guard(HttpHeaders headers, String contentSecurityPolicy) {
		headers.set("Content-Security-Policy", contentSecurityPolicy);
		headers.set("X-Frame-Options", "DENY");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "no-referrer");
	}

}
