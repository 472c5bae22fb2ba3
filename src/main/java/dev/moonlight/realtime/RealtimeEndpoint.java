package dev.moonlight.realtime;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import dev.moonlight.dispatch.ActionRegistry;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.UnauthorizedException;
import dev.moonlight.maintenance.MaintenanceBypass;
import dev.moonlight.pipeline.ErrorMapper;
import dev.moonlight.pipeline.RequestIds;
import dev.moonlight.security.AuthenticationRequest;
import dev.moonlight.security.Authenticator;
import dev.moonlight.web.BrowserOrigins;
import dev.moonlight.web.ApiPathClaim;
import dev.moonlight.web.HttpsPolicy;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/{v}/ws} for every version the API serves, which it claims from the
 * API's own route ({@link ApiPathClaim}); any other method, or an unknown version, is the
 * API's, answered with its envelopes.
 * <p>
 * Before upgrading it applies the HTTP rules (the maintenance gate has refused a
 * handshake without the bypass token, which the socket keeps for its frames):
 * {@code HTTPS_ONLY} (403), a browser page of another origin than the server's own or one
 * {@code [cors]} allows (403: a browser applies no CORS to a handshake but sends the
 * user's cookies with it), a plain GET without {@code Upgrade: websocket} (426), and a
 * bearer token that no backend accepts (401; an expired token should be renewed, not
 * silently dropped to an anonymous socket). Refusals are envelopes with
 * {@code X-Request-Id}, like every API answer.
 */
final class RealtimeEndpoint extends AbstractHandlerMapping implements WebHandler, ApiPathClaim {

	/** Before WebFlux's {@code RouterFunctionMapping} (-1) and its application routes. */
	static final int ORDER = -2;

	static final String UPGRADE_REQUIRED = "Connect with a WebSocket client (Upgrade: websocket) to use this endpoint.";

	static final String ORIGIN_REFUSED = "This page's origin may not open a WebSocket to this server";

	private static final String VERSION_ATTRIBUTE = RealtimeEndpoint.class.getName() + ".version";

	private final ActionRegistry registry;

	private final Authenticator authenticator;

	private final HttpsPolicy https;

	private final BrowserOrigins origins;

	private final ErrorMapper errors;

	private final EnvelopeWriter writer;

	private final FrameProtocol protocol;

	private final HandshakeWebSocketService handshakes;

	RealtimeEndpoint(ActionRegistry registry, Authenticator authenticator, HttpsPolicy https, BrowserOrigins origins,
			ErrorMapper errors, EnvelopeWriter writer, FrameProtocol protocol, int maxFrameSize) {
		this.registry = registry;
		this.authenticator = authenticator;
		this.https = https;
		this.origins = origins;
		this.errors = errors;
		this.writer = writer;
		this.protocol = protocol;
		this.handshakes = new HandshakeWebSocketService(new NettyUpgrade(maxFrameSize));
		setOrder(ORDER);
	}

	@Override
	protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String version = version(request.getPath().value());
		if (request.getMethod() != HttpMethod.GET || version == null || !registry.hasVersion(version)) {
			return Mono.empty();
		}
		exchange.getAttributes().put(VERSION_ATTRIBUTE, version);
		return Mono.just(this);
	}

	/**
	 * The handshake is WebFlux's: the API's own route leaves a {@code GET /api/{v}/ws} of
	 * a known version to this mapping.
	 */
	@Override
	public boolean claims(HttpMethod method, String path) {
		if (method != HttpMethod.GET) {
			return false;
		}
		String version = version(path);
		return version != null && registry.hasVersion(version);
	}

	/**
	 * The version of {@code /api/{v}/ws} (a trailing slash allowed), else {@code null}.
	 */
	static String version(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		if (!trimmed.startsWith("/api/") || !trimmed.endsWith("/ws")) {
			return null;
		}
		String version = trimmed.substring("/api/".length(), trimmed.length() - "/ws".length());
		return (version.isEmpty() || version.indexOf('/') >= 0) ? null : version;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String requestId = RequestIds.reuseOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER));
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
		boolean secure = https.secure(request);
		if (https.refuses(secure)) {
			return refuse(exchange, new ForbiddenException(HttpsPolicy.REFUSED));
		}
		if (!origins.allow(request)) {
			return refuse(exchange, new ForbiddenException(ORIGIN_REFUSED));
		}
		if (!"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
			return refuse(exchange,
					new MoonlightException(426, UPGRADE_REQUIRED, null, Map.of("Upgrade", "websocket")));
		}
		AuthenticationRequest credentials = new AuthenticationRequest(request.getHeaders(), request.getRemoteAddress());
		String version = exchange.getAttribute(VERSION_ATTRIBUTE);
		return authenticator.authenticate(credentials).flatMap((caller) -> {
			if (credentials.bearerToken() != null && !caller.authenticated()) {
				return refuse(exchange, new UnauthorizedException(FrameProtocol.BAD_TOKEN));
			}
			return upgrade(exchange, version, caller, secure);
		});
	}

	private Mono<Void> upgrade(ServerWebExchange exchange, String version, Caller caller, boolean secure) {
		String bypass = MaintenanceBypass.offered(exchange.getRequest());
		return handshakes.handleRequest(exchange,
				(session) -> protocol.serve(session, version, caller, secure, bypass));
	}

	private Mono<Void> refuse(ServerWebExchange exchange, MoonlightException failure) {
		Envelope envelope = errors.envelope(failure, "ws " + exchange.getRequest().getPath().value(), null);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(failure.status()));
		HttpHeaders headers = response.getHeaders();
		failure.headers().forEach(headers::set);
		headers.setContentType(MediaType.APPLICATION_JSON);
		byte[] body = writer.write(envelope);
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
