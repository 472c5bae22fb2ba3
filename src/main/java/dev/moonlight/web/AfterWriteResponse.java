package dev.moonlight.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * A response that runs a task once it has been written (or the write failed or was cancelled, as when the client
 * left): how deferred work starts only after the client has its answer.
 */
final class AfterWriteResponse implements ServerResponse {

	private final ServerResponse response;

	private final Runnable afterWrite;

	AfterWriteResponse(ServerResponse response, Runnable afterWrite) {
		this.response = response;
		this.afterWrite = afterWrite;
	}

	@Override
	public HttpStatusCode statusCode() {
		return response.statusCode();
	}

	@Override
	public HttpHeaders headers() {
		return response.headers();
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return response.cookies();
	}

	@Override
	public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
		return response.writeTo(exchange, context).doFinally((signal) -> afterWrite.run());
	}

}
