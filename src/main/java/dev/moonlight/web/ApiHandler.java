package dev.moonlight.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Deferred;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeRequests;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.logging.Redactor;
import dev.moonlight.logging.RequestLogContext;
import dev.moonlight.middleware.ApiRequest;
import dev.moonlight.middleware.MiddlewareChain;
import dev.moonlight.security.AuthenticationRequest;
import dev.moonlight.security.Authenticator;
import reactor.core.publisher.Mono;

/**
 * Serves everything under {@code /api}: {@code POST /api/{v}/} and {@code POST /api/{v}/{service}/{action}}
 * dispatch, {@code GET /api/{v}/ping}, {@code GET /api/{v}/} (overview), and the 404/405 envelopes for the rest.
 * <p>
 * A call goes: request id → HTTPS-only gate → route → body → request middleware → authentication → dispatch; every
 * answer then goes through the {@link Responder}, and the call's deferred work starts once the answer is written.
 * CORS (preflights included) is WebFlux's, configured by {@link CorsSettings}, and happens before this handler. This
 * class runs on the event loop; a blocking action runs on the worker pool (see {@link Dispatcher}) and its envelope
 * is serialised on that worker.
 */
final class ApiHandler {

	static final String NOT_FOUND = "The page you requested was not found.";

	private static final Logger logger = LoggerFactory.getLogger(ApiHandler.class);

	private final Dispatcher dispatcher;

	private final Authenticator authenticator;

	private final MiddlewareChain middleware;

	private final RequestBodyReader bodies;

	private final Responder responder;

	private final HttpsPolicy https;

	private final Redactor redactor;

	private final ApiOptions options;

	private final byte[] pong;

	private final String docsPath;

	ApiHandler(Dispatcher dispatcher, Authenticator authenticator, MiddlewareChain middleware, RequestBodyReader bodies,
			Responder responder, HttpsPolicy https, Redactor redactor, ApiOptions options, byte[] pong, String docsPath) {
		this.dispatcher = dispatcher;
		this.authenticator = authenticator;
		this.middleware = middleware;
		this.bodies = bodies;
		this.responder = responder;
		this.https = https;
		this.redactor = redactor;
		this.options = options;
		this.pong = pong;
		this.docsPath = docsPath;
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		ServerHttpRequest http = request.exchange().getRequest();
		String requestId = RequestIds.reuseOrGenerate(http.getHeaders().getFirst(RequestIds.HEADER));
		ApiExchange exchange = new ApiExchange(http, requestId, https.secure(http));
		request.exchange().getAttributes().put(ApiRequest.ATTRIBUTE, exchange);
		if (https.refuses(exchange.secure())) {
			return failure(exchange, new ForbiddenException(HttpsPolicy.REFUSED));
		}
		ApiPath path = ApiPath.parse(http.getPath().value());
		if (path.kind() == ApiPath.Kind.UNKNOWN || !dispatcher.registry().hasVersion(path.version())) {
			return failure(exchange, new NotFoundException(NOT_FOUND));
		}
		HttpMethod method = http.getMethod();
		boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
		return switch (path.kind()) {
			case PING -> read ? ping(exchange, path) : notAllowed(exchange, path);
			case ROOT -> read ? overview(exchange, path)
					: (method == HttpMethod.POST) ? dispatch(exchange, path) : notAllowed(exchange, path);
			case ACTION -> (method == HttpMethod.POST) ? dispatch(exchange, path) : notAllowed(exchange, path);
			case UNKNOWN -> failure(exchange, new NotFoundException(NOT_FOUND));
		};
	}

	private Mono<ServerResponse> dispatch(ApiExchange exchange, ApiPath path) {
		Mono<RequestBody> body;
		try {
			body = bodies.read(exchange.http());
		}
		catch (MoonlightException ex) {
			return failure(exchange, ex);
		}
		AuthenticationRequest credentials = new AuthenticationRequest(exchange.headers(), exchange.remoteAddress());
		return body.flatMap((parsed) -> {
			exchange.address(context(path, parsed, exchange.requestId()));
			try (RequestLogContext log = RequestLogContext.open(exchange.requestId())) {
				middleware.onRequest(exchange);
				if (logger.isDebugEnabled()) {
					logger.debug("{} params {}", exchange.label(), redactor.redact(exchange.params()));
				}
			}
			return authenticator.authenticate(credentials).map(exchange::by);
		})
			.flatMap(dispatcher::dispatch)
			.map((envelope) -> responder.respond(exchange, Reply.of(envelope)))
			.onErrorResume((ex) -> failure(exchange, ex))
			.map((response) -> releasingDeferred(response, exchange));
	}

	/** The call's deferred work starts once the response is written, whatever the outcome. */
	private ServerResponse releasingDeferred(ServerResponse response, ApiExchange exchange) {
		ActionContext call = exchange.call();
		return (call == null) ? response : new AfterWriteResponse(response, () -> dispatcher.afterResponse(call));
	}

	private static ActionContext context(ApiPath path, RequestBody body, String requestId) {
		return EnvelopeRequests.context(path.version(), body.params(), path.service(), path.action(), requestId,
				body.files(), Deferred.afterResponse());
	}

	private Mono<ServerResponse> ping(ApiExchange exchange, ApiPath path) {
		if (!options.debug()) {
			return Mono.just(responder.respond(exchange, Reply.of(EnvelopeWriter.PONG), pong));
		}
		ServerHttpRequest http = exchange.http();
		Map<String, Object> about = new LinkedHashMap<>();
		about.put("app", options.appName());
		about.put("version", path.version());
		about.put("port", http.getLocalAddress() != null ? http.getLocalAddress().getPort() : null);
		about.put("uri", http.getPath().value());
		about.put("scheme", exchange.secure() ? "https" : "http");
		return Mono.just(responder.respond(exchange, Reply.of(new Envelope(0, "pong", about, null))));
	}

	private Mono<ServerResponse> overview(ApiExchange exchange, ApiPath path) {
		String root = "/api/" + path.version() + "/";
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("version", path.version());
		overview.put("dispatch", Map.of("method", "POST", "path", root, "body",
				Map.of("service", "<alias>", "action", "<action>")));
		overview.put("ping", root + "ping");
		overview.put("docs", docsPath);
		overview.put("services", dispatcher.registry().catalog(path.version()));
		return Mono.just(responder.respond(exchange, Reply.of(new Envelope(0, "Moonlight API", overview, null))));
	}

	private Mono<ServerResponse> notAllowed(ApiExchange exchange, ApiPath path) {
		String allow = path.kind().allow;
		if (exchange.method() == HttpMethod.OPTIONS) {
			HttpHeaders headers = responder.headers(exchange, new Reply(204, null, Map.of("Allow", allow)));
			return ServerResponse.noContent().headers((target) -> target.addAll(headers)).build();
		}
		return failure(exchange, new MoonlightException(405, "Method not allowed. Try: " + allow, null,
				Map.of("Allow", allow)));
	}

	private Mono<ServerResponse> failure(ApiExchange exchange, Throwable ex) {
		return Mono.just(responder.failure(exchange, ex));
	}

}
