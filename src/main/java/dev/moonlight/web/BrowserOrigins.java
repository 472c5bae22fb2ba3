package dev.moonlight.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Which web pages may open a connection that CORS does not guard, such as a WebSocket: a
 * browser sends the page's {@code Origin} with the handshake (and the user's cookies) but
 * applies no CORS to it, so the server must check. A request without {@code Origin} (no
 * browser), a page of the server itself (the same host and port as the request's
 * {@code Host}) and an origin {@code [cors]} allows may; any other page may not.
 */
public final class BrowserOrigins {

	private final CorsConfiguration cors;

	/**
	 * @param cors the API's CORS configuration from {@code [cors]}, or {@code null} when
	 * there is no section
	 */
	BrowserOrigins(CorsConfiguration cors) {
		this.cors = cors;
	}

	/**
	 * Whether the page that sent this request (if a browser sent it) may use the
	 * connection.
	 */
	public boolean allow(ServerHttpRequest request) {
		String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (origin == null) {
			return true;
		}
		return sameHost(origin, request.getHeaders().getFirst(HttpHeaders.HOST))
				|| (cors != null && cors.checkOrigin(origin) != null);
	}

	/**
	 * Whether the origin names the host (and port) the request was sent to. The scheme is
	 * left aside, as a proxy that ends TLS turns {@code https} into {@code http}; when
	 * the {@code Host} names no port, the host alone decides.
	 */
	private static boolean sameHost(String origin, String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		try {
			URI page = URI.create(origin);
			URI target = URI.create("http://" + host.strip());
			// A Host with anything but a name and a port (user info, a path) is no host
			// this server answers as.
			if (page.getHost() == null || target.getHost() == null || !host.strip().equals(target.getRawAuthority())) {
				return false;
			}
			boolean sameName = page.getHost()
				.toLowerCase(Locale.ROOT)
				.equals(target.getHost().toLowerCase(Locale.ROOT));
			return sameName && (target.getPort() < 0 || target.getPort() == port(page));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static int port(URI page) {
		if (page.getPort() >= 0) {
			return page.getPort();
		}
		return "https".equalsIgnoreCase(page.getScheme()) || "wss".equalsIgnoreCase(page.getScheme()) ? 443 : 80;
	}

}
