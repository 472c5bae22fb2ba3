package dev.moonlight.web;

import java.net.InetSocketAddress;
import java.time.Instant;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.moonlight.middleware.ApiRequest;
import dev.moonlight.pipeline.CompletedRequest;
import dev.moonlight.pipeline.RequestListener;
import dev.moonlight.pipeline.RequestListeners;
import reactor.core.publisher.Mono;

/**
 * Times every request from arrival to the written response and tells each
 * {@link RequestListener}. Sits outside every other filter (the maintenance gate
 * included), so refused requests are seen too; the API's route, whose requests WebFlux
 * never sees, reports them through {@link #completed}.
 */
final class RequestObserver implements WebFilter, Ordered {

	private final RequestListeners listeners;

	private final TrustedProxies proxies;

	RequestObserver(RequestListeners listeners, TrustedProxies proxies) {
		this.listeners = listeners;
		this.proxies = proxies;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (listeners.quiet()) {
			return chain.filter(exchange);
		}
		long started = System.nanoTime();
		Instant arrival = Instant.now();
		return chain.filter(exchange).doFinally((signal) -> notify(exchange, arrival, System.nanoTime() - started));
	}

	/**
	 * Whether anybody listens, so a route can skip timing a request nobody hears about.
	 */
	boolean quiet() {
		return listeners.quiet();
	}

	private void notify(ServerWebExchange exchange, Instant arrival, long nanos) {
		ServerHttpRequest request = exchange.getRequest();
		HttpStatusCode code = exchange.getResponse().getStatusCode();
		completed(arrival, nanos, request.getMethod().name(), request.getPath().value(), request.getHeaders(),
				request.getRemoteAddress(), (code != null) ? code.value() : 200,
				exchange.getResponse().getHeaders().getContentLength(), exchange.getAttribute(ApiRequest.ATTRIBUTE));
	}

	/**
	 * Tells every listener about a request answered with {@code status} and a body of
	 * {@code bytes} (or -1).
	 */
	void completed(Instant arrival, long nanos, String method, String path, HttpHeaders headers, InetSocketAddress peer,
			int status, long bytes, ApiRequest call) {
		listeners.completed(
				new CompletedRequest(arrival, method, path, status, bytes, nanos, call, proxies.client(peer, headers)));
	}

}
