package dev.moonlight.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.moonlight.pipeline.RequestIds;
import reactor.core.publisher.Mono;

/**
 * Gives every page answer (health, static files, the docs, the maintenance 503, a 404) an
 * {@code X-Request-Id}, as the API's answers have: the client's when short and plain,
 * else a fresh one. It runs before the maintenance gate, so its refusals carry one too.
 */
final class PageRequestIds implements WebFilter, Ordered {

	/** The exchange attribute holding the id, for the error page. */
	static final String ATTRIBUTE = PageRequestIds.class.getName();

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String id = RequestIds.reuseOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getAttributes().put(ATTRIBUTE, id);
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
		return chain.filter(exchange);
	}

	/** The id of {@code exchange}: the one given above, or a fresh one. */
	static String of(ServerWebExchange exchange) {
		String id = exchange.getAttribute(ATTRIBUTE);
		return (id != null) ? id : RequestIds.generate();
	}

}
