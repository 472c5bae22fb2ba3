package dev.moonlight.server;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.moonlight.web.AnswerHeaders;
import reactor.core.publisher.Mono;

/**
 * With the {@code gzip} middleware, every answer of a type it compresses says
 * {@code Vary: Accept-Encoding}, compressed or not: a shared cache must not hand the
 * gzipped copy to a client that cannot read it, nor the plain one to every client. A
 * filter for WebFlux's answers, and {@link AnswerHeaders} for the API's (all JSON).
 */
final class GzipVary implements WebFilter, AnswerHeaders {

	private static final List<MediaType> COMPRESSED = MediaType.parseMediaTypes(List.of(ServerTuning.COMPRESSED_TYPES));

	private final boolean enabled;

	/**
	 * @param enabled whether {@code http.middleware} lists {@code gzip}
	 */
	GzipVary(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public void addTo(HttpHeaders answer, boolean tls) {
		if (this.enabled) {
			answer.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.enabled) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		// Just before the headers go out: the content type is known only then.
		response.beforeCommit(() -> {
			HttpHeaders headers = response.getHeaders();
			MediaType type = headers.getContentType();
			// A 304 carries no type, but must vary as its 200 does (RFC 9110 15.4.5).
			boolean compressible = (type != null)
					? COMPRESSED.stream().anyMatch((compressed) -> compressed.equalsTypeAndSubtype(type))
					: response.getStatusCode() == HttpStatus.NOT_MODIFIED;
			if (compressible && !headers.getVary().contains(HttpHeaders.ACCEPT_ENCODING)) {
				headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
