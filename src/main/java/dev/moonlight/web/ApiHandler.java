package dev.moonlight.web;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Deferred;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.EarlyHints;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeRequests;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.pipeline.Call;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.Reply;
import dev.moonlight.pipeline.RequestIds;
import reactor.core.publisher.Mono;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Serves everything under {@code /api}: {@code POST /api/{v}/} and {@code POST
 * /api/{v}/{service}/{action}} dispatch, {@code GET /api/{v}/ping}, {@code GET /api/{v}/}
 * (overview), and the 404/405 envelopes for the rest. It is the HTTP adapter of the
 * {@link CallPipeline}, and knows no server: {@link ApiRoute} builds the {@link Call},
 * hands over how to read the body, and writes the {@link ApiAnswer}.
 * <p>
 * A request goes: maintenance (the pipeline's first step) → CORS ({@link ApiCors}) →
 * HTTPS-only policy → route → body → the pipeline (request middleware, authentication,
 * dispatch, errors, response middleware); the call's deferred work starts once the answer
 * is written. This class runs on the event loop; a blocking action runs on the worker
 * pool (see {@link Dispatcher}) and its envelope is serialised on that worker.
 */
final class ApiHandler {

	static final String NOT_FOUND = "The page you requested was not found.";

	private static final String NO_DOCS_PAGE = """
			<!doctype html>
			<html lang="en"><head><meta charset="utf-8"><title>Moonlight API</title></head>
			<body><h1>Moonlight API</h1>
			<p>Call it with <code>POST /api/%1$s/</code> and a JSON body naming a service and an action:
			<code>{"service": "...", "action": "...", ...parameters}</code>. The API docs are off on this server;
			<code>curl -H 'Accept: application/json' .../api/%1$s/</code> lists the services.</p>
			</body></html>
			""";

	private final CallPipeline pipeline;

	private final Dispatcher dispatcher;

	private final Responder responder;

	private final HttpsPolicy https;

	private final ApiOptions options;

	private final byte[] pong;

	private final String docsPath;

	ApiHandler(CallPipeline pipeline, Responder responder, HttpsPolicy https, ApiOptions options, byte[] pong,
			String docsPath) {
		this.pipeline = pipeline;
		this.dispatcher = pipeline.dispatcher();
		this.responder = responder;
		this.https = https;
		this.options = options;
		this.pong = pong;
		this.docsPath = docsPath;
	}

	/**
	 * The call of a request: its request id (the client's when safe) and whether it
	 * counts as secure.
	 * @param rawQuery the query as sent, or {@code null}
	 */
	Call exchange(HttpMethod method, String path, String rawQuery, HttpHeaders headers, InetSocketAddress remote,
			InetSocketAddress local, boolean tls) {
		String requestId = RequestIds.reuseOrGenerate(headers.getFirst(RequestIds.HEADER));
		return Call.http(method, path, rawQuery, headers, remote, local, requestId, https.secure(tls, headers, remote));
	}

	/**
	 * Answers one request.
	 * @param cors what CORS makes of it; its headers go on every answer but maintenance's
	 * @param body reads the request body; asked only when the request dispatches, and may
	 * throw the {@link MoonlightException} that refuses it before a byte is read (415)
	 * @param hints how the action may send early hints
	 */
	Mono<ApiAnswer> handle(Call exchange, ApiCors.Check cors, Supplier<Mono<RequestBody>> body, EarlyHints hints) {
		ApiResponse refused = pipeline.refusal(exchange);
		if (refused != null) {
			return Mono.just(responder.answer(exchange, refused));
		}
		return switch (cors.outcome()) {
			case PASS -> {
				Mono<ApiAnswer> answer = route(exchange, body, hints);
				yield cors.headers().isEmpty() ? answer : answer.map((served) -> served.withFirst(cors.headers()));
			}
			case PREFLIGHT -> Mono.just(ApiAnswer.empty(200, cors.headers()));
			case REFUSED -> failure(exchange, new ForbiddenException(cors.refusal()))
				.map((answer) -> answer.withFirst(cors.headers()));
		};
	}

	private Mono<ApiAnswer> route(Call exchange, Supplier<Mono<RequestBody>> body, EarlyHints hints) {
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
			case ROOT -> read ? root(exchange, path)
					: (method == HttpMethod.POST) ? dispatch(exchange, path, body, hints) : notAllowed(exchange, path);
			case ACTION ->
				(method == HttpMethod.POST) ? dispatch(exchange, path, body, hints) : notAllowed(exchange, path);
			case UNKNOWN -> failure(exchange, new NotFoundException(NOT_FOUND));
		};
	}

	private Mono<ApiAnswer> dispatch(Call exchange, ApiPath path, Supplier<Mono<RequestBody>> reader,
			EarlyHints hints) {
		Mono<RequestBody> body;
		try {
			body = reader.get();
		}
		catch (MoonlightException ex) {
			return failure(exchange, ex);
		}
		return body.flatMap((parsed) -> {
			exchange.address(IdempotencyKeys.withHeader(exchange.headers().getFirst(IdempotencyKeys.HEADER),
					context(path, parsed, exchange.requestId(), hints)));
			return pipeline.run(exchange);
		})
			.map((response) -> responder.answer(exchange, response))
			.onErrorResume((ex) -> failure(exchange, ex))
			.map((answer) -> releasingDeferred(answer, exchange));
	}

	/**
	 * The call's deferred work starts once the answer is written, whatever the outcome.
	 */
	private ApiAnswer releasingDeferred(ApiAnswer answer, Call exchange) {
		ActionContext call = exchange.call();
		return (call == null) ? answer : answer.withAfterWrite(() -> dispatcher.afterResponse(call));
	}

	private static ActionContext context(ApiPath path, RequestBody body, String requestId, EarlyHints hints) {
		return EnvelopeRequests.context(path.version(), body.params(), path.service(), path.action(), requestId,
				body.files(), Deferred.afterResponse(), hints);
	}

	private Mono<ApiAnswer> ping(Call exchange, ApiPath path) {
		if (!options.debug()) {
			return Mono.just(responder.respond(exchange, Reply.of(EnvelopeWriter.PONG), pong));
		}
		Map<String, Object> about = new LinkedHashMap<>();
		about.put("app", options.appName());
		about.put("version", path.version());
		about.put("port", exchange.localAddress() != null ? exchange.localAddress().getPort() : null);
		about.put("uri", exchange.path());
		about.put("scheme", exchange.secure() ? "https" : "http");
		return Mono.just(responder.respond(exchange, Reply.of(new Envelope(0, "pong", about, null)), null));
	}

	/** A browser and an API client get different answers here, so caches must ask. */
	private Mono<ApiAnswer> root(Call exchange, ApiPath path) {
		Mono<ApiAnswer> answer = HtmlPreference.prefersHtml(exchange.headers()) ? forBrowser(exchange, path)
				: overview(exchange, path);
		return answer.map((served) -> served.varyingBy(HttpHeaders.ACCEPT));
	}

	private Mono<ApiAnswer> overview(Call exchange, ApiPath path) {
		String root = "/api/" + path.version() + "/";
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("version", path.version());
		overview.put("dispatch", new DispatchShape("POST", root, new DispatchShape.Body("<alias>", "<action>")));
		overview.put("ping", root + "ping");
		overview.put("docs", docsPath);
		overview.put("services", dispatcher.registry().catalog(path.version()));
		return Mono.just(responder.respond(exchange, Reply.of(new Envelope(0, "Moonlight API", overview, null)), null));
	}

	/**
	 * A browser that opens the API's root is sent to the docs page (its {@code token}
	 * kept), or, without docs, told in a line how to call the API.
	 */
	private Mono<ApiAnswer> forBrowser(Call exchange, ApiPath path) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(RequestIds.HEADER, exchange.requestId());
		if (docsPath == null) {
			return Mono.just(ApiAnswer.html(200, headers, noDocsPage(path.version())));
		}
		String token = (exchange.rawQuery() != null) ? UriComponentsBuilder.newInstance()
			.query(exchange.rawQuery())
			.build()
			.getQueryParams()
			.getFirst("token") : null;
		// URLEncoder is URLDecoder's inverse, which is how the docs gate reads the token.
		headers.set(HttpHeaders.LOCATION,
				(token != null) ? docsPath + "?token=" + URLEncoder.encode(decoded(token), UTF_8) : docsPath);
		headers.setContentLength(0);
		return Mono.just(ApiAnswer.empty(302, headers));
	}

	/** The version is one the registry knows, so it is plain text. */
	private static byte[] noDocsPage(String version) {
		return NO_DOCS_PAGE.formatted(version).getBytes(UTF_8);
	}

	private static String decoded(String raw) {
		try {
			return URLDecoder.decode(raw, UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			return raw;
		}
	}

	private Mono<ApiAnswer> notAllowed(Call exchange, ApiPath path) {
		String allow = path.kind().allow;
		if (exchange.method() == HttpMethod.OPTIONS) {
			HttpHeaders headers = new HttpHeaders();
			headers.set("Allow", allow);
			headers.set(RequestIds.HEADER, exchange.requestId());
			return Mono.just(ApiAnswer.empty(204, headers));
		}
		return failure(exchange,
				new MoonlightException(405, "Method not allowed. Try: " + allow, null, Map.of("Allow", allow)));
	}

	private Mono<ApiAnswer> failure(Call exchange, Throwable ex) {
		return Mono.just(responder.failure(exchange, ex));
	}

	/**
	 * How to call the API, in the overview; a record, so its fields keep their order from
	 * run to run.
	 */
	record DispatchShape(String method, String path, Body body) {

		record Body(String service, String action) {

		}

	}

}
