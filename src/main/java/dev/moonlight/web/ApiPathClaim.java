package dev.moonlight.web;

import org.springframework.http.HttpMethod;

/**
 * A request under {@code /api} that another capability serves through WebFlux rather than
 * the envelope API: the WebSocket handshake ({@code /api/{v}/ws}), the docs catalog
 * ({@code /api/{v}/__catalog}), or an application's own route there (declare a bean).
 * Every other {@code /api} request is the API's alone: it is answered by one route,
 * straight from Reactor Netty, and no {@code WebFilter} runs on it.
 */
@FunctionalInterface
public interface ApiPathClaim {

	/**
	 * Whether this capability serves the request.
	 * @param method the request method
	 * @param path the raw request path ({@code /api/...}, without the query)
	 */
	boolean claims(HttpMethod method, String path);

}
