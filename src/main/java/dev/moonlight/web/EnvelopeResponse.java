package dev.moonlight.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The WebFlux face of an {@link ApiAnswer}. It holds plain bytes and wraps them only when
 * written, so a response abandoned before writing (client gone) holds no pooled memory,
 * and it skips the codec lookup a generic {@code ServerResponse} body would need. The
 * answer's after-write work runs however the write ends.
 */
final class EnvelopeResponse implements ServerResponse {

	private static final MultiValueMap<String, ResponseCookie> NO_COOKIES = new LinkedMultiValueMap<>(0);

	private final ApiAnswer answer;

	private final HttpStatusCode status;

	EnvelopeResponse(ApiAnswer answer) {
		this.answer = answer;
		this.status = HttpStatusCode.valueOf(answer.status());
	}

	@Override
	public HttpStatusCode statusCode() {
		return status;
	}

	@Override
	public HttpHeaders headers() {
		return answer.headers();
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return NO_COOKIES;
	}

	@Override
	public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
		ServerHttpResponse response = exchange.getResponse();
		// Deferred, so that headers the server refuses (a middleware's value with a line
		// break) fail the write without skipping the after-write work.
		return Mono.defer(() -> {
			response.setStatusCode(status);
			response.getHeaders().putAll(answer.headers());
			return (answer.body() != null) ? response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())))
					: response.setComplete();
		}).doFinally((signal) -> answer.afterWrite().run());
	}

}
