package dev.moonlight.server;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.moonlight.web.AnswerHeaders;
import reactor.core.publisher.Mono;

/**
 * With {@code ssl.redirect: true}, responses over TLS also carry
 * {@code Strict-Transport-Security}: browsers ignore the header on plain HTTP (RFC 6797
 * §8.1), so the redirect's copy alone would never take effect. A filter for WebFlux's
 * answers, and {@link AnswerHeaders} for the API's.
 */
final class HstsFilter implements WebFilter, AnswerHeaders {

	private final boolean enabled;

	/**
	 * @param enabled {@code ssl.redirect}; without it the filter passes responses through
	 * unchanged
	 */
	HstsFilter(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public void addTo(HttpHeaders answer, boolean tls) {
		if (this.enabled && tls) {
			answer.set(HttpsRedirect.HSTS_HEADER, HttpsRedirect.HSTS);
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.enabled && exchange.getRequest().getSslInfo() != null) {
			ServerHttpResponse response = exchange.getResponse();
			// Set just before the headers are written, so error handling that resets
			// headers cannot drop it.
			response.beforeCommit(() -> {
				response.getHeaders().set(HttpsRedirect.HSTS_HEADER, HttpsRedirect.HSTS);
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

}
