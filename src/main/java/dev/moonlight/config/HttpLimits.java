package dev.moonlight.config;

import java.time.Duration;

/**
 * What an anonymous caller may hold of the HTTP server, from {@code .rr.yaml}
 * {@code http.*}: fields per form, connections, and how long a connection may idle or
 * take to send a request.
 *
 * @param maxFormFields {@code max_form_fields}: fields of a urlencoded body, parts of a
 * multipart one
 * @param maxConnections {@code max_connections}: connections open at once over both
 * listeners; 0 is unlimited
 * @param idleTimeout {@code idle_timeout}: how long a connection may wait for its next
 * request; zero is never
 * @param readHeaderTimeout {@code read_header_timeout}: from a request's first byte (or
 * the connection's opening) to the end of its headers; zero is never
 * @param readTimeout {@code read_timeout}: from the end of a request's headers to the end
 * of its body; zero is never
 */
public record HttpLimits(int maxFormFields, int maxConnections, Duration idleTimeout, Duration readHeaderTimeout,
		Duration readTimeout) {

	public static final int DEFAULT_MAX_FORM_FIELDS = 1000;

	public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

	public static final Duration DEFAULT_READ_HEADER_TIMEOUT = Duration.ofSeconds(10);

	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

	public static final HttpLimits DEFAULTS = new HttpLimits(DEFAULT_MAX_FORM_FIELDS, DEFAULT_MAX_CONNECTIONS,
			DEFAULT_IDLE_TIMEOUT, DEFAULT_READ_HEADER_TIMEOUT, DEFAULT_READ_TIMEOUT);

}
