package dev.moonlight.web;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.pipeline.ErrorMapper;
import dev.moonlight.pipeline.Reply;
import dev.moonlight.pipeline.RequestIds;
import reactor.core.publisher.Mono;

/**
 * Answers a page request that fails the way the API answers: an envelope with the status
 * as its {@code returnCode}, or for a browser a small page saying the same, where Spring
 * would write its own error body. Spring's refusals (no route: 404, a route without the
 * method: 405, ...) keep their status and headers with Pionia's messages; anything else a
 * page handler throws goes through the API's {@link ErrorMapper} (a
 * {@code MoonlightException} keeps its status, a database outage is a 503 with
 * {@code Retry-After}, a bug a 500 whose cause is logged, never sent). The answer varies
 * by {@code Accept}.
 */
final class PageErrors implements ErrorWebExceptionHandler, Ordered {

	private final EnvelopeWriter envelopes;

	private final ErrorMapper errors;

	PageErrors(EnvelopeWriter envelopes, ErrorMapper errors) {
		this.envelopes = envelopes;
		this.errors = errors;
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's DefaultErrorWebExceptionHandler (-1).
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(failure);
		}
		ServerHttpRequest request = exchange.getRequest();
		Reply reply = reply(request, failure);
		HttpHeaders headers = response.getHeaders();
		// Only what described the failed body: CORS, Retry-After and the like stay.
		headers.clearContentHeaders();
		reply.headers().forEach(headers::set);
		headers.set(RequestIds.HEADER, PageRequestIds.of(exchange));
		headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
		response.setRawStatusCode(reply.status());
		boolean page = HtmlPreference.prefersHtml(request.getHeaders());
		headers.setContentType(page ? MediaType.TEXT_HTML : MediaType.APPLICATION_JSON);
		byte[] body = page ? page(reply.status(), reply.envelope().returnMessage())
				: this.envelopes.write(reply.envelope());
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private Reply reply(ServerHttpRequest request, Throwable failure) {
		if (failure instanceof ErrorResponse refusal) {
			int status = refusal.getStatusCode().value();
			if (status < 500) {
				HttpHeaders headers = refusal.getHeaders();
				return new Reply(status, new Envelope(status, message(status, refusal, headers), null, null),
						headers.toSingleValueMap());
			}
		}
		return this.errors.map(failure, request.getMethod().name() + " " + request.getPath().value(), null);
	}

	private static String message(int status, ErrorResponse refusal, HttpHeaders headers) {
		if (status == 404) {
			return ApiHandler.NOT_FOUND;
		}
		if (status == 405) {
			String allow = headers.getFirst(HttpHeaders.ALLOW);
			return (allow != null && !allow.isEmpty()) ? "Method not allowed. Try: " + allow : "Method not allowed.";
		}
		String detail = refusal.getBody().getDetail();
		return (detail != null) ? detail : refusal.getBody().getTitle();
	}

	private static byte[] page(int status, String message) {
		String text = HtmlUtils.htmlEscape(String.valueOf(message));
		return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
				+ "</title></head><body><h1>" + status + "</h1><p>" + text + "</p></body></html>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
