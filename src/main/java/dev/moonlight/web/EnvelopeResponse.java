package dev.moonlight.web;


import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * A response whose body is an already serialised envelope. It holds plain bytes and wraps them only when written,
 * so a response abandoned before writing (client gone) holds no pooled memory, and it skips the codec lookup a
 * generic {@code ServerResponse} body would need.
 */
final class EnvelopeResponse implements ServerResponse {

	private static final MultiValueMap<String, ResponseCookie> NO_COOKIES = new LinkedMultiValueMap<>(0);

	private final HttpStatusCode status;

	private final HttpHeaders headers;

	private final byte[] body;

	/** Takes ownership of {@code headers}, adding the content type and length. */
	EnvelopeResponse(int status, HttpHeaders headers, byte[] body) {
		this.status = HttpStatusCode.valueOf(status);
		this.headers = headers;
		this.headers.setContentType(MediaType.APPLICATION_JSON);
		this.headers.setContentLength(body.length);
		this.body = body;
	}

	@Override
	public HttpStatusCode statusCode() {
		return status;
	}

	@Override
	public HttpHeaders headers() {
		return headers;
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return NO_COOKIES;
	}

	@Override
	public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().putAll(headers);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
