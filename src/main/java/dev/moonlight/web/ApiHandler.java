package dev.moonlight.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.security.AuthenticationRequest;
import dev.moonlight.security.Authenticator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves everything under {@code /api}: {@code POST /api/{v}/} and {@code POST /api/{v}/{service}/{action}}
 * dispatch, {@code GET /api/{v}/ping}, {@code GET /api/{v}/} (overview), and the 404/405 envelopes for the rest.
 * <p>
 * Threading: this class runs on the event loop. The body is read and parsed here; a blocking action then runs on
 * the worker pool (see {@link Dispatcher}) and its envelope is serialised on that worker.
 */
final class ApiHandler {

	static final String NOT_FOUND = "The page you requested was not found.";

	private final Dispatcher dispatcher;

	private final RequestBodyReader bodies;

	private final EnvelopeWriter writer;

	private final ErrorMapper errors;

	private final ApiOptions options;

	private final Authenticator authenticator;

	private final byte[] pong;

	private final String docsPath;

	ApiHandler(Dispatcher dispatcher, Authenticator authenticator, RequestBodyReader bodies, EnvelopeWriter writer,
			ApiOptions options, String docsPath) {
		this.dispatcher = dispatcher;
		this.authenticator = authenticator;
		this.bodies = bodies;
		this.writer = writer;
		this.errors = new ErrorMapper(options.debug());
		this.options = options;
		this.pong = writer.write(new Envelope(0, "pong", null, null));
		this.docsPath = docsPath;
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		ServerHttpRequest http = request.exchange().getRequest();
		String requestId = RequestIds.reuseOrGenerate(http.getHeaders().getFirst(RequestIds.HEADER));
		ApiPath path = ApiPath.parse(http.getPath().value());
		HttpMethod method = http.getMethod();
		if (path.kind() == ApiPath.Kind.UNKNOWN || !dispatcher.registry().hasVersion(path.version())) {
			return failure(request, requestId, new NotFoundException(NOT_FOUND), "unknown path");
		}
		boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
		return switch (path.kind()) {
			case PING -> read ? ping(request, path, requestId) : notAllowed(request, path, requestId);
			case ROOT -> read ? overview(request, path, requestId)
					: (method == HttpMethod.POST) ? dispatch(request, path, requestId) : notAllowed(request, path, requestId);
			case ACTION -> (method == HttpMethod.POST) ? dispatch(request, path, requestId)
					: notAllowed(request, path, requestId);
			case UNKNOWN -> failure(request, requestId, new NotFoundException(NOT_FOUND), "unknown path");
		};
	}

	private Mono<ServerResponse> dispatch(ServerRequest request, ApiPath path, String requestId) {
		ServerHttpRequest http = request.exchange().getRequest();
		Mono<RequestBody> body;
		try {
			body = bodies.read(http);
		}
		catch (MoonlightException ex) {
			return failure(request, requestId, ex, "POST " + http.getPath().value());
		}
		AuthenticationRequest credentials = new AuthenticationRequest(http.getHeaders(), http.getRemoteAddress());
		return body.flatMap((parsed) -> {
			ActionContext addressed = context(path, parsed, requestId);
			return authenticator.authenticate(credentials).map(addressed::by);
		}).flatMap((context) -> dispatcher.dispatch(context)
			.map((envelope) -> respond(request, requestId, Reply.of(envelope)))
			.onErrorResume((ex) -> failure(request, requestId, ex, context.service() + "." + context.action()))).onErrorResume((ex) -> failure(request, requestId, ex, "POST " + http.getPath().value()));
	}

	private ActionContext context(ApiPath path, RequestBody body, String requestId) {
		ObjectNode params = body.params();
		String service = take(params, "service", "SERVICE", path.service());
		String action = take(params, "action", "ACTION", path.action());
		if (service == null) {
			throw new NotFoundException("Service not defined in request data");
		}
		if (action == null) {
			throw new NotFoundException("Action not defined in request data");
		}
		return new ActionContext(path.version(), service, action, requestId, Caller.ANONYMOUS, params, body.files());
	}

	/** Removes {@code key} (or its all-uppercase legacy form) from the parameters; the path's name wins. */
	private static String take(ObjectNode params, String key, String legacyKey, String fromPath) {
		JsonNode value = params.remove(key);
		JsonNode legacy = params.remove(legacyKey);
		if (fromPath != null) {
			return fromPath;
		}
		JsonNode chosen = (value != null) ? value : legacy;
		if (chosen == null || !chosen.isString() || chosen.asString().isBlank()) {
			return null;
		}
		return chosen.asString().trim();
	}

	private Mono<ServerResponse> ping(ServerRequest request, ApiPath path, String requestId) {
		if (!options.debug()) {
			return Mono.just(new EnvelopeResponse(200, Map.of(RequestIds.HEADER, requestId), pong));
		}
		ServerHttpRequest http = request.exchange().getRequest();
		Map<String, Object> about = new LinkedHashMap<>();
		about.put("app", options.appName());
		about.put("version", path.version());
		about.put("port", http.getLocalAddress() != null ? http.getLocalAddress().getPort() : null);
		about.put("uri", http.getPath().value());
		about.put("scheme", http.getSslInfo() != null ? "https" : "http");
		return Mono.just(respond(request, requestId, Reply.of(new Envelope(0, "pong", about, null))));
	}

	private Mono<ServerResponse> overview(ServerRequest request, ApiPath path, String requestId) {
		String root = "/api/" + path.version() + "/";
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("version", path.version());
		overview.put("dispatch", Map.of("method", "POST", "path", root, "body",
				Map.of("service", "<alias>", "action", "<action>")));
		overview.put("ping", root + "ping");
		overview.put("docs", docsPath);
		overview.put("services", dispatcher.registry().catalog(path.version()));
		return Mono.just(respond(request, requestId, Reply.of(new Envelope(0, "Moonlight API", overview, null))));
	}

	private Mono<ServerResponse> notAllowed(ServerRequest request, ApiPath path, String requestId) {
		String allow = path.kind().allow;
		if (request.exchange().getRequest().getMethod() == HttpMethod.OPTIONS) {
			return ServerResponse.noContent().header("Allow", allow).header(RequestIds.HEADER, requestId).build();
		}
		MoonlightException ex = new MoonlightException(405, "Method not allowed. Try: " + allow, null,
				Map.of("Allow", allow));
		return failure(request, requestId, ex, request.exchange().getRequest().getMethod() + " " + request.path());
	}

	private Mono<ServerResponse> failure(ServerRequest request, String requestId, Throwable ex, String label) {
		return Mono.just(respond(request, requestId, errors.map(ex, label)));
	}

	private ServerResponse respond(ServerRequest request, String requestId, Reply reply) {
		Map<String, String> headers = reply.headers().isEmpty() ? Map.of(RequestIds.HEADER, requestId)
				: withRequestId(reply.headers(), requestId);
		try {
			return new EnvelopeResponse(reply.status(), headers, writer.write(reply.envelope()));
		}
		catch (RuntimeException ex) {
			Reply failed = errors.map(ex, "serialising the envelope");
			return new EnvelopeResponse(failed.status(), headers, writer.write(failed.envelope()));
		}
	}

	private static Map<String, String> withRequestId(Map<String, String> headers, String requestId) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.put(RequestIds.HEADER, requestId);
		return all;
	}

}
