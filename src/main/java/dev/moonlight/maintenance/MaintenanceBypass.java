package dev.moonlight.maintenance;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a request offers the maintenance bypass token: the header {@value #HEADER}, else {@code ?bypass=}. A
 * WebSocket keeps what its handshake offered for every frame it sends later.
 */
public final class MaintenanceBypass {

	public static final String HEADER = "X-Maintenance-Bypass";

	private MaintenanceBypass() {
	}

	/** The token the request offers, or {@code null}. */
	public static String offered(ServerHttpRequest request) {
		String offered = request.getHeaders().getFirst(HEADER);
		return (offered != null) ? offered : request.getQueryParams().getFirst("bypass");
	}

}
