package dev.moonlight.security;

import java.net.InetSocketAddress;

import org.springframework.http.HttpHeaders;

/**
 * What an {@link AuthenticationBackend} may look at: the request headers and the remote
 * address. WebSocket and TCP callers build one from their own handshake.
 *
 * @param headers the request headers (read-only)
 * @param remoteAddress the peer, or {@code null} when unknown
 */
public record AuthenticationRequest(HttpHeaders headers, InetSocketAddress remoteAddress) {

	/** The credentials of {@code Authorization: Bearer <token>}, or {@code null}. */
	public String bearerToken() {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String token = authorization.substring("Bearer ".length()).strip();
		return token.isEmpty() ? null : token;
	}

}
