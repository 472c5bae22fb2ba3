package dev.moonlight.web;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.middleware.ApiRequest;
import dev.moonlight.pipeline.Call;
import reactor.core.publisher.Mono;

/**
 * The API as a WebFlux route: every {@code /api} request the {@link DirectApiRoute}
 * leaves to WebFlux (CORS, forms and uploads, the overview, 404s and 405s, or all of them
 * when the direct route is off). The exchange is kept as an attribute, so the request
 * listeners know the call.
 */
final class WebFluxApiRoute implements HandlerFunction<ServerResponse> {

	private final ApiHandler handler;

	private final RequestBodyReader bodies;

	WebFluxApiRoute(ApiHandler handler, RequestBodyReader bodies) {
		this.handler = handler;
		this.bodies = bodies;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerHttpRequest http = request.exchange().getRequest();
		Call exchange = handler.exchange(http.getMethod(), http.getPath().value(), http.getURI().getRawQuery(),
				http.getHeaders(), http.getRemoteAddress(), http.getLocalAddress(), http.getSslInfo() != null);
		request.exchange().getAttributes().put(ApiRequest.ATTRIBUTE, exchange);
		return handler.handle(exchange, () -> bodies.read(http)).map(EnvelopeResponse::new);
	}

}
