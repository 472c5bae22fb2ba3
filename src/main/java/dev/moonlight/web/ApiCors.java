package dev.moonlight.web;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * CORS for the API from {@code [cors]} ({@link CorsSettings}), decided from a request's
 * head before anything runs, with the rules and header values of Spring's
 * {@code DefaultCorsProcessor}, which applied them while the API was a WebFlux route:
 * every answer varies by {@code Origin} and the two preflight headers; a request from its
 * own origin is no CORS request; another origin must be allowed, and so must its method
 * (and, for a preflight, its headers), or the answer is a 403 envelope saying which of
 * them was refused (where Spring wrote an empty 403). A preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered 200 without
 * dispatch, with the headers it earned: none without the section, so the browser refuses
 * the call it announced.
 */
final class ApiCors {

	/** No {@code [cors]}: no headers, and preflights get none. */
	static final ApiCors NONE = new ApiCors(null);

	private static final List<String> VARY = List.of(HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
			HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

	private static final Check PASS = new Check(Outcome.PASS, HttpHeaders.EMPTY, null);

	private static final Check EMPTY_PREFLIGHT = new Check(Outcome.PREFLIGHT, HttpHeaders.EMPTY, null);

	private static final String REFUSED = "Cross-origin request refused: ";

	private final CorsConfiguration config;

	ApiCors(CorsConfiguration config) {
		this.config = config;
	}

	/**
	 * What CORS makes of a request.
	 * @param scheme the scheme of the connection ({@code http} or {@code https})
	 * @param host the host the request names (its {@code Host} header)
	 * @param port the port the request names, or its scheme's default
	 */
	Check check(HttpMethod method, HttpHeaders request, String scheme, String host, int port) {
		String origin = request.getOrigin();
		boolean preflight = origin != null && method == HttpMethod.OPTIONS
				&& request.containsHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
		if (config == null) {
			return preflight ? EMPTY_PREFLIGHT : PASS;
		}
		HttpHeaders headers = vary();
		OriginKind kind = (origin != null) ? kind(origin, scheme, host, port) : OriginKind.OWN;
		if (kind == OriginKind.UNREADABLE) {
			return refused(headers, "the Origin header is not an origin.");
		}
		if (kind == OriginKind.OWN) {
			return new Check(preflight ? Outcome.PREFLIGHT : Outcome.PASS, headers, null);
		}
		String allowOrigin = config.checkOrigin(origin);
		List<HttpMethod> allowMethods = config
			.checkHttpMethod(preflight ? request.getAccessControlRequestMethod() : method);
		List<String> allowHeaders = preflight ? config.checkHeaders(request.getAccessControlRequestHeaders()) : null;
		// The origin is not echoed (a URL of the client's making, of any length); a
		// method is one token.
		if (allowOrigin == null) {
			return refused(headers, "this origin is not allowed.");
		}
		if (allowMethods == null) {
			return refused(headers, "method " + (preflight ? request.getAccessControlRequestMethod() : method).name()
					+ " is not allowed.");
		}
		if (preflight && allowHeaders == null) {
			return refused(headers, "a requested header is not allowed.");
		}
		headers.setAccessControlAllowOrigin(allowOrigin);
		if (preflight) {
			headers.setAccessControlAllowMethods(allowMethods);
			if (!allowHeaders.isEmpty()) {
				headers.setAccessControlAllowHeaders(allowHeaders);
			}
		}
		List<String> exposed = config.getExposedHeaders();
		if (exposed != null && !exposed.isEmpty()) {
			headers.setAccessControlExposeHeaders(exposed);
		}
		if (Boolean.TRUE.equals(config.getAllowCredentials())) {
			headers.setAccessControlAllowCredentials(true);
		}
		if (preflight && config.getMaxAge() != null) {
			headers.setAccessControlMaxAge(config.getMaxAge());
		}
		return new Check(preflight ? Outcome.PREFLIGHT : Outcome.PASS, headers, null);
	}

	private static Check refused(HttpHeaders headers, String why) {
		return new Check(Outcome.REFUSED, headers, REFUSED + why);
	}

	private static HttpHeaders vary() {
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(HttpHeaders.VARY, VARY);
		return headers;
	}

	/**
	 * Whether {@code origin} is the server's own (a browser sends {@code Origin} on its
	 * own page's POSTs too), another site, or no origin at all (a port that is no
	 * number): nobody's, so refused whatever the configuration allows.
	 */
	private static OriginKind kind(String origin, String scheme, String host, int port) {
		try {
			UriComponents url = UriComponentsBuilder.fromUriString(origin).build();
			boolean own = scheme.equals(url.getScheme()) && host.equals(url.getHost())
					&& port == port(url.getScheme(), url.getPort());
			return own ? OriginKind.OWN : OriginKind.OTHER;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return OriginKind.UNREADABLE;
		}
	}

	private enum OriginKind {

		OWN, OTHER, UNREADABLE

	}

	static int port(String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return ("https".equals(scheme) || "wss".equals(scheme)) ? 443 : 80;
	}

	enum Outcome {

		/** Serve the request, with the headers added to its answer. */
		PASS,
		/** Answer 200 with the headers, without dispatch. */
		PREFLIGHT,
		/** Answer 403 with the headers and the refusal's envelope. */
		REFUSED

	}

	/**
	 * The decision and the headers it adds to the answer (never to be changed: shared
	 * when empty).
	 *
	 * @param refusal what was refused, for the 403's message; {@code null} otherwise
	 */
	record Check(Outcome outcome, HttpHeaders headers, String refusal) {

	}

}
