package dev.moonlight.server;

import java.net.URI;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import org.reactivestreams.Publisher;
import org.springframework.boot.reactor.netty.NettyRouteProvider;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code http.ssl.redirect: true}: the plain listener answers every request, before
 * WebFlux sees it, with {@code 308 Permanent Redirect} to the same host, path and query
 * on the TLS port, plus RoadRunner's {@code Strict-Transport-Security}. 308 (not 301)
 * keeps the method and body of a POST.
 */
final class HttpsRedirect implements NettyRouteProvider {

	/** RoadRunner's value (middleware/redirect.go). */
	static final String HSTS = "max-age=31536000; includeSubDomains; preload";

	static final String HSTS_HEADER = "Strict-Transport-Security";

	// The Host header is echoed into Location, so only a plain host name or a bracketed
	// IPv6 literal is trusted.
	private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

	private static final int HTTPS_DEFAULT_PORT = 443;

	private final IntSupplier tlsPort;

	private final String fallbackHost;

	/**
	 * @param tlsPort the TLS listener's port, read per request because it is only known
	 * once that listener is bound
	 * @param fallbackHost the host used when the request's Host header is missing or
	 * unusable
	 */
	HttpsRedirect(IntSupplier tlsPort, String fallbackHost) {
		this.tlsPort = tlsPort;
		this.fallbackHost = fallbackHost;
	}

	@Override
	public HttpServerRoutes apply(HttpServerRoutes routes) {
		return routes.route((request) -> true, this::redirect);
	}

	private Publisher<Void> redirect(HttpServerRequest request, HttpServerResponse response) {
		return response.status(HttpResponseStatus.PERMANENT_REDIRECT)
			.header(HttpHeaderNames.LOCATION,
					location(request.requestHeaders().get(HttpHeaderNames.HOST), request.uri()))
			.header(HSTS_HEADER, HSTS)
			.header(HttpHeaderNames.CONTENT_LENGTH, "0")
			.send();
	}

	/** The https URL for a request with this Host header and request target. */
	String location(String hostHeader, String target) {
		int port = this.tlsPort.getAsInt();
		String host = host(hostHeader);
		return "https://" + host + ((port == HTTPS_DEFAULT_PORT) ? "" : ":" + port) + pathAndQuery(target);
	}

	private String host(String header) {
		if (header == null) {
			return this.fallbackHost;
		}
		String value = header.strip();
		int end = value.startsWith("[") ? value.indexOf(']') + 1 : value.indexOf(':');
		String host = (end > 0) ? value.substring(0, end) : value;
		return HOST_NAME.matcher(host).matches() ? host : this.fallbackHost;
	}

	/**
	 * The raw path and query; an absolute-form target ({@code GET http://host/path})
	 * keeps only those, and any other form ({@code OPTIONS *}) becomes {@code /}.
	 */
	private static String pathAndQuery(String target) {
		if (target.startsWith("/")) {
			return target;
		}
		try {
			URI uri = URI.create(target);
			if (!uri.isAbsolute()) {
				return "/";
			}
			String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
			return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
		}
		catch (IllegalArgumentException ex) {
			return "/";
		}
	}

}
