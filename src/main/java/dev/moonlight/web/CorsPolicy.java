package dev.moonlight.web;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.moonlight.config.IniDocument;

/**
 * CORS from {@code [cors]} ({@code allowed_origins}, {@code allowed_headers}, {@code allowed_methods},
 * {@code credentials}, {@code max_age}), on when the section exists. Unlike Pionia, which echoes the whole configured
 * list, only the one matching origin is echoed, with {@code Vary: Origin}, as browsers require.
 */
final class CorsPolicy {

	static final CorsPolicy OFF = new CorsPolicy(false, Set.of(), "*", "GET, POST, OPTIONS", false, 86400);

	private final boolean enabled;

	private final Set<String> origins;

	private final String allowedHeaders;

	private final String allowedMethods;

	private final boolean credentials;

	private final long maxAge;

	private CorsPolicy(boolean enabled, Set<String> origins, String allowedHeaders, String allowedMethods,
			boolean credentials, long maxAge) {
		this.enabled = enabled;
		this.origins = origins;
		this.allowedHeaders = allowedHeaders;
		this.allowedMethods = allowedMethods;
		this.credentials = credentials;
		this.maxAge = maxAge;
	}

	static CorsPolicy from(IniDocument ini) {
		if (!ini.hasSection("cors")) {
			return OFF;
		}
		Set<String> origins = Set.copyOf(List.of(ini.getString("cors", "allowed_origins", "*").split(","))
			.stream().map(String::strip).filter((origin) -> !origin.isEmpty()).toList());
		long maxAge = ini.getIgnoreCase("cors", "max_age")
			.map((value) -> value.asWholeNumber(0, Integer.MAX_VALUE, "max_age is a whole number of seconds."))
			.orElse(86400L);
		return new CorsPolicy(true, origins, ini.getString("cors", "allowed_headers", "*").strip(),
				ini.getString("cors", "allowed_methods", "GET, POST, OPTIONS").strip(),
				ini.bool("cors", "credentials", true), maxAge);
	}

	/** A browser's preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
	boolean isPreflight(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return enabled && request.getMethod() == HttpMethod.OPTIONS && headers.getOrigin() != null
				&& headers.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
	}

	/** Whether a cross-origin request from {@code origin} may read our answers. */
	boolean allows(String origin) {
		return origins.contains("*") || origins.contains(origin);
	}

	/** Adds the CORS headers of an ordinary answer (errors included). */
	void decorate(HttpHeaders request, HttpHeaders response) {
		if (!enabled) {
			return;
		}
		String origin = request.getOrigin();
		// A "*" answer is the same for every origin; with credentials browsers need the origin itself.
		boolean echo = !origins.contains("*") || credentials;
		if (echo) {
			response.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		}
		if (origin == null || !allows(origin)) {
			return;
		}
		response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, echo ? origin : "*");
		if (credentials) {
			response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		response.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, RequestIds.HEADER);
	}

	/** The headers a preflight answer from an allowed origin adds to those of {@link #decorate}. */
	void decoratePreflight(HttpHeaders request, HttpHeaders response) {
		response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, allowedMethods);
		String requested = request.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
		// "*" is not honoured with credentials, so echo what the browser asked for instead.
		String headers = ("*".equals(allowedHeaders) && requested != null) ? requested : allowedHeaders;
		response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
		response.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, Long.toString(maxAge));
	}

}
