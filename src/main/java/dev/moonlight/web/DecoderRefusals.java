package dev.moonlight.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.moonlight.dispatch.BadRequestException;
import dev.moonlight.logging.LogFields;
import dev.moonlight.pipeline.QuietFailure;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Requests whose body Reactor Netty's HTTP decoder refused (a bad chunk size, a chunk
 * without its line end): Netty answers 400 and closes the connection itself, and the body
 * seen here just ends early. Such a body is never dispatched ({@link #refuse}). The API's
 * route then writes nothing; on WebFlux's routes (pages, an application's handlers) the
 * answer the handler tries to write, which fails as the status is already sent, ends
 * quietly here instead of as a logged 500: the client got its 400, and the access log
 * shows the 400 the handler chose.
 */
final class DecoderRefusals implements WebFilter, Ordered {

	static final String REFUSED = "The request is malformed: its body could not be decoded.";

	private static final Logger logger = LoggerFactory.getLogger(DecoderRefusals.class);

	@Override
	public int getOrder() {
		// Inside the RequestObserver, so that it sees the request end normally with the
		// handler's status.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange)
			.onErrorResume((ex) -> ex instanceof IllegalStateException && answeredByNetty(exchange.getRequest()),
					(ex) -> {
						logger.debug("{} {} was refused by the HTTP decoder with 400",
								exchange.getRequest().getMethod(),
								LogFields.safe(exchange.getRequest().getPath().value()));
						return Mono.empty();
					});
	}

	/**
	 * Fails a body that Netty's decoder cut short, so that no action runs on part of a
	 * request.
	 */
	static <T> Mono<T> refuse(boolean answeredByNetty, T body, Runnable release) {
		if (!answeredByNetty) {
			return Mono.just(body);
		}
		release.run();
		return Mono.error(new Refused());
	}

	/**
	 * Whether Netty sent a response head before the handler answered: only its decoder
	 * does that, with 400. The Reactor Netty request object is also the response.
	 */
	private static boolean answeredByNetty(ServerHttpRequest request) {
		Object connection;
		try {
			connection = ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// A request of another server, or a test's mock: no Netty decoder answered
			// it.
			return false;
		}
		return connection instanceof HttpServerResponse response && response.hasSentHeaders();
	}

	/**
	 * The failure of a refused body; logged at debug, as Netty has answered the client
	 * already.
	 */
	static final class Refused extends BadRequestException implements QuietFailure {

		Refused() {
			super(REFUSED);
		}

	}

}
