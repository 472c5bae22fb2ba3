package dev.moonlight.web;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Deferred;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeRequests;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.logging.LogFields;
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
 * It knows no transport: the WebFlux route ({@link WebFluxApiRoute}) and the direct Reactor Netty route
 * ({@link DirectApiRoute}) each build an {@link ApiExchange}, hand over how to read the body, and write the
 * {@link ApiAnswer}.
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

	private final Responder responder;

	private final HttpsPolicy https;

	private final Redactor redactor;

	private final ApiOptions options;

	private final byte[] pong;

	private final String docsPath;

	ApiHandler(Dispatcher dispatcher, Authenticator authenticator, MiddlewareChain middleware, Responder responder,
			HttpsPolicy https, Redactor redactor, ApiOptions options, byte[] pong, String docsPath) {
		this.dispatcher = dispatcher;
		this.authenticator = authenticator;
		this.middleware = middleware;
		this.responder = responder;
		this.https = https;
		this.redactor = redactor;
		this.options = options;
		this.pong = pong;
		this.docsPath = docsPath;
	}

	/** The exchange for a request: its request id (the client's when safe) and whether it counts as secure. */
	ApiExchange exchange(HttpMethod method, String path, HttpHeaders headers, InetSocketAddress remote,
			InetSocketAddress local, boolean tls) {
		String requestId = RequestIds.reuseOrGenerate(headers.getFirst(RequestIds.HEADER));
		return new ApiExchange(method, path, headers, remote, local, requestId, https.secure(tls, headers, remote));
	}

	/**
	 * Answers one request.
	 * @param body reads the request body; asked only when the request dispatches, and may throw the
	 * {@link MoonlightException} that refuses it before a byte is read (415)
	 */
	Mono<ApiAnswer> handle(ApiExchange exchange, Supplier<Mono<RequestBody>> body) {
		if (https.refuses(exchange.secure())) {
			return failure(exchange, new ForbiddenException(HttpsPolicy.REFUSED));
		}
		ApiPath path = ApiPath.parse(exchange.path());
		if (path.kind() == ApiPath.Kind.UNKNOWN || !dispatcher.registry().hasVersion(path.version())) {
			return failure(exchange, new NotFoundException(NOT_FOUND));
		}
		HttpMethod method = exchange.method();
		boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
		return switch (path.kind()) {
			case PING -> read ? ping(exchange, path) : notAllowed(exchange, path);
			case ROOT -> read ? overview(exchange, path)
					: (method == HttpMethod.POST) ? dispatch(exchange, path, body) : notAllowed(exchange, path);
			case ACTION -> (method == HttpMethod.POST) ? dispatch(exchange, path, body) : notAllowed(exchange, path);
			case UNKNOWN -> failure(exchange, new NotFoundException(NOT_FOUND));
		};
	}

	private Mono<ApiAnswer> dispatch(ApiExchange exchange, ApiPath path, Supplier<Mono<RequestBody>> reader) {
		Mono<RequestBody> body;
		try {
			body = reader.get();
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
					logger.debug("{} params {}", LogFields.safe(exchange.label()),
							LogFields.safe(redactor.redact(exchange.params())));
				}
			}
			return authenticator.authenticate(credentials).map(exchange::by);
		})
			.flatMap(dispatcher::dispatch)
			.map((envelope) -> responder.respond(exchange, Reply.of(envelope)))
			.onErrorResume((ex) -> failure(exchange, ex))
			.map((response) -> releasingDeferred(response, exchange));
	}

	/** The call's deferred work starts once the answer is written, whatever the outcome. */
	private ApiAnswer releasingDeferred(ApiAnswer answer, ApiExchange exchange) {
		ActionContext call = exchange.call();
		return (call == null) ? answer : answer.withAfterWrite(() -> dispatcher.afterResponse(call));
	}

	private static ActionContext context(ApiPath path, RequestBody body, String requestId) {
		return EnvelopeRequests.context(path.version(), body.params(), path.service(), path.action(), requestId,
				body.files(), Deferred.afterResponse());
	}

	private Mono<ApiAnswer> ping(ApiExchange exchange, ApiPath path) {
		if (!options.debug()) {
			return Mono.just(responder.respond(exchange, Reply.of(EnvelopeWriter.PONG), pong));
		}
		Map<String, Object> about = new LinkedHashMap<>();
		about.put("app", options.appName());
		about.put("version", path.version());
		about.put("port", exchange.localAddress() != null ? exchange.localAddress().getPort() : null);
		about.put("uri", exchange.path());
		about.put("scheme", exchange.secure() ? "https" : "http");
		return Mono.just(responder.respond(exchange, Reply.of(new Envelope(0, "pong", about, null))));
	}

	private Mono<ApiAnswer> overview(ApiExchange exchange, ApiPath path) {
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

	private Mono<ApiAnswer> notAllowed(ApiExchange exchange, ApiPath path) {
		String allow = path.kind().allow;
		if (exchange.method() == HttpMethod.OPTIONS) {
			HttpHeaders headers = responder.headers(exchange, new Reply(204, null, Map.of("Allow", allow)));
			return Mono.just(ApiAnswer.empty(204, headers));
		}
		return failure(exchange, new MoonlightException(405, "Method not allowed. Try: " + allow, null,
				Map.of("Allow", allow)));
	}

	private Mono<ApiAnswer> failure(ApiExchange exchange, Throwable ex) {
		return Mono.just(responder.failure(exchange, ex));
	}

}
