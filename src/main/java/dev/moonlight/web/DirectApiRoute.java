package dev.moonlight.web;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.web.server.WebFilter;

import dev.moonlight.pipeline.Call;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The two hot API routes, {@code GET /api/{v}/ping} and a JSON {@code POST} dispatch,
 * served straight from Reactor Netty, before Spring's adapter builds a
 * {@code ServerWebExchange}: the same {@link ApiHandler}, the same answer bytes and
 * headers, the same request listeners, without WebFlux's per-request filter chain,
 * handler mapping and result handling (most of a small call's cost).
 * <p>
 * A request takes the WebFlux path instead whenever WebFlux would do more than hand it to
 * the API handler: a CORS request ({@code Origin}), a body that is not JSON or has no
 * length (form, multipart, chunked), an {@code Expect} header, an encoded path, or a
 * {@link WebFilter} bean that is not a {@link SkippableFilter} or does not skip this
 * request (HSTS over TLS, an application's own filter). Maintenance keeps the direct
 * route: the call pipeline's first step refuses its calls as the maintenance gate refuses
 * WebFlux's requests. {@code moonlight.direct-route=false} turns it off.
 */
final class DirectApiRoute implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(DirectApiRoute.class);

	private final ApiHandler handler;

	private final RequestBodyReader bodies;

	private final RequestObserver observer;

	private final Supplier<Optional<List<SkippableFilter>>> filters;

	/**
	 * @param filters the {@code WebFilter} beans, asked once at the first request (they
	 * may not exist yet when the server is built); empty when one of them cannot be
	 * skipped
	 */
	DirectApiRoute(ApiHandler handler, RequestBodyReader bodies, RequestObserver observer,
			Supplier<Optional<List<SkippableFilter>>> filters) {
		this.handler = handler;
		this.bodies = bodies;
		this.observer = observer;
		this.filters = filters;
	}

	/**
	 * Added by a customizer that runs last, not as a route provider bean, so it follows
	 * every other route (an application's, the HTTPS redirect) on each listener and only
	 * takes what would have gone to WebFlux.
	 */
	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addRouteProviders(this::routes);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private HttpServerRoutes routes(HttpServerRoutes routes) {
		return routes.route(this::serves, this::serve);
	}

	/**
	 * Whether this request is one the direct route answers exactly as the WebFlux route
	 * would.
	 */
	boolean serves(HttpServerRequest request) {
		String path = path(request.uri());
		if (path == null) {
			return false;
		}
		io.netty.handler.codec.http.HttpHeaders headers = request.requestHeaders();
		if (headers.contains(HttpHeaderNames.ORIGIN) || headers.contains(HttpHeaderNames.EXPECT)) {
			return false;
		}
		HttpMethod method;
		if (io.netty.handler.codec.http.HttpMethod.GET.equals(request.method())) {
			if (ApiPath.parse(path).kind() != ApiPath.Kind.PING) {
				return false;
			}
			method = HttpMethod.GET;
		}
		else if (io.netty.handler.codec.http.HttpMethod.POST.equals(request.method())) {
			ApiPath.Kind kind = ApiPath.parse(path).kind();
			// Other /api paths stay with WebFlux, where an application's own routes come
			// before the API's.
			if ((kind != ApiPath.Kind.ROOT && kind != ApiPath.Kind.ACTION)
					|| headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
					|| !bodies.readsDirectly(headers.get(HttpHeaderNames.CONTENT_TYPE), contentLength(headers))) {
				return false;
			}
			method = HttpMethod.POST;
		}
		else {
			return false;
		}
		return filtersSkip(method, path, headers, tls(request));
	}

	private boolean filtersSkip(HttpMethod method, String path, io.netty.handler.codec.http.HttpHeaders headers,
			boolean tls) {
		List<SkippableFilter> all = filters.get().orElse(null);
		if (all == null) {
			return false;
		}
		if (all.isEmpty()) {
			return true;
		}
		HttpHeaders springHeaders = springHeaders(headers);
		for (SkippableFilter filter : all) {
			if (!filter.skips(method, path, springHeaders, tls)) {
				return false;
			}
		}
		return true;
	}

	private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
		HttpHeaders headers = springHeaders(request.requestHeaders());
		HttpMethod method = HttpMethod.valueOf(request.method().name());
		String uri = request.uri();
		String path = path(uri);
		int query = uri.indexOf('?');
		Call exchange = handler.exchange(method, path, (query < 0) ? null : uri.substring(query + 1), headers,
				request.remoteAddress(), request.hostAddress(), tls(request));
		return handler.handle(exchange, () -> body(request))
			// Deferred, so that a write that throws (a header a middleware set badly)
			// still runs what follows it.
			.flatMap((answer) -> Mono.defer(() -> write(response, answer)).doFinally((signal) -> {
				try {
					answer.afterWrite().run();
				}
				finally {
					if (!observer.quiet()) {
						long nanos = System.nanoTime() - exchange.startedNanos();
						observer.completed(Instant.now().minusNanos(nanos), nanos, method.name(), path, headers,
								request.remoteAddress(), answer.status(),
								(answer.body() != null) ? answer.body().length : -1, exchange);
					}
				}
			}));
	}

	private Mono<RequestBody> body(HttpServerRequest request) {
		return request.receive().aggregate().asInputStream().map((stream) -> {
			try (InputStream body = stream) {
				return bodies.json(body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).switchIfEmpty(Mono.fromSupplier(() -> bodies.json(null)));
	}

	private static Mono<Void> write(HttpServerResponse response, ApiAnswer answer) {
		response.status(HttpResponseStatus.valueOf(answer.status()));
		io.netty.handler.codec.http.HttpHeaders target = response.responseHeaders();
		answer.headers().asMultiValueMap().forEach(target::add);
		if (answer.body() == null) {
			return response.send().then();
		}
		return response.send(Mono.just(Unpooled.wrappedBuffer(answer.body()))).then();
	}

	/**
	 * The raw path of an origin-form {@code /api/...} target without an escape, else
	 * {@code null}.
	 */
	private static String path(String uri) {
		if (!uri.startsWith("/api/")) {
			return null;
		}
		int end = uri.indexOf('?');
		String path = (end < 0) ? uri : uri.substring(0, end);
		return (path.indexOf('%') < 0 && path.indexOf('#') < 0) ? path : null;
	}

	private static long contentLength(io.netty.handler.codec.http.HttpHeaders headers) {
		String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static boolean tls(HttpServerRequest request) {
		return "https".equals(request.connectionScheme());
	}

	private static HttpHeaders springHeaders(io.netty.handler.codec.http.HttpHeaders headers) {
		return new HttpHeaders(new Netty4HeadersAdapter(headers));
	}

	/**
	 * The filters when every {@code WebFilter} bean can be skipped, else empty; logs
	 * which one cannot.
	 */
	static Optional<List<SkippableFilter>> skippable(List<WebFilter> beans) {
		List<SkippableFilter> skippable = new ArrayList<>();
		for (WebFilter filter : beans) {
			if (filter instanceof RequestObserver) {
				continue;
			}
			if (!(filter instanceof SkippableFilter known)) {
				logger.info("The direct API route is off: WebFilter {} runs on every request, so the API is served by "
						+ "WebFlux", filter.getClass().getName());
				return Optional.empty();
			}
			skippable.add(known);
		}
		return Optional.of(List.copyOf(skippable));
	}

}
