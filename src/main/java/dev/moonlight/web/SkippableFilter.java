package dev.moonlight.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.WebFilter;

/**
 * A {@link WebFilter} that can tell from a request's head alone that it would let the
 * request through untouched. The direct API route serves a request straight from Reactor
 * Netty only when every {@code WebFilter} bean is one of these and skips it; a plain
 * {@code WebFilter} (an application's own) keeps every API request on the WebFlux path,
 * so it always runs.
 */
public interface SkippableFilter extends WebFilter {

	/**
	 * Whether this filter would neither answer nor change the request or its response.
	 * @param method the request method
	 * @param path the raw request path, without the query
	 * @param headers the request headers
	 * @param tls whether the connection is TLS
	 */
	boolean skips(HttpMethod method, String path, HttpHeaders headers, boolean tls);

}
