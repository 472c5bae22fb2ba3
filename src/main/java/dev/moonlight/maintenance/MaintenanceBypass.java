package dev.moonlight.maintenance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a request offers the maintenance bypass token: the header {@value #HEADER}, else
 * {@code ?bypass=}. A WebSocket keeps what its handshake offered for every frame it sends
 * later.
 */
public final class MaintenanceBypass {

	public static final String HEADER = "X-Maintenance-Bypass";

	private static final String PARAMETER = "bypass";

	private MaintenanceBypass() {
	}

	/** The token the request offers, or {@code null}. */
	public static String offered(ServerHttpRequest request) {
		String offered = request.getHeaders().getFirst(HEADER);
		return (offered != null) ? offered : request.getQueryParams().getFirst(PARAMETER);
	}

	/**
	 * The token a request offers by its head alone, or {@code null}.
	 * @param rawQuery the query as sent (without {@code ?}), or {@code null}
	 */
	public static String offered(HttpHeaders headers, String rawQuery) {
		String offered = headers.getFirst(HEADER);
		if (offered != null || rawQuery == null || rawQuery.isEmpty()) {
			return offered;
		}
		String raw = UriComponentsBuilder.newInstance().query(rawQuery).build().getQueryParams().getFirst(PARAMETER);
		if (raw == null) {
			return null;
		}
		try {
			// As WebFlux decodes getQueryParams(), so a token reads the same on both
			// routes and for a socket's frames.
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			return null;
		}
	}

}
