package dev.moonlight.web;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.pipeline.RequestIds;
import reactor.core.publisher.Mono;

/**
 * Answers a page request that fails (no route: 404, a route without the method: 405, a
 * handler that throws: 500) the way the API answers: an envelope with the status as its
 * {@code returnCode} and Pionia's messages, or for a browser a small page saying the
 * same, where Spring would write its own error body. A 500's cause is logged, never sent.
 */
final class PageErrors implements ErrorWebExceptionHandler, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(PageErrors.class);

	private static final String UNEXPECTED = "An unexpected error occurred.";

	private final EnvelopeWriter envelopes;

	PageErrors(EnvelopeWriter envelopes) {
		this.envelopes = envelopes;
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
		String id = PageRequestIds.of(exchange);
		int status = HttpStatus.INTERNAL_SERVER_ERROR.value();
		String message = UNEXPECTED;
		HttpHeaders headers = response.getHeaders();
		headers.clear();
		if (failure instanceof ResponseStatusException refusal) {
			status = refusal.getStatusCode().value();
			headers.putAll(refusal.getHeaders());
			message = message(status, refusal, headers);
		}
		if (status >= 500) {
			logger.error("{} {} failed [{}]", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), id,
					failure);
		}
		headers.set(RequestIds.HEADER, id);
		response.setRawStatusCode(status);
		boolean page = HtmlPreference.prefersHtml(exchange.getRequest().getHeaders());
		headers.setContentType(page ? MediaType.TEXT_HTML : MediaType.APPLICATION_JSON);
		byte[] body = page ? page(status, message) : envelopes.write(new Envelope(status, message, null, null));
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private static String message(int status, ResponseStatusException refusal, HttpHeaders headers) {
		if (status == 404) {
			return ApiHandler.NOT_FOUND;
		}
		if (status == 405) {
			String allow = headers.getFirst(HttpHeaders.ALLOW);
			return (allow != null && !allow.isEmpty()) ? "Method not allowed. Try: " + allow : "Method not allowed.";
		}
		if (status >= 500) {
			return UNEXPECTED;
		}
		HttpStatus known = HttpStatus.resolve(status);
		return (refusal.getReason() != null) ? refusal.getReason()
				: (known != null) ? known.getReasonPhrase() : "Request refused.";
	}

	private static byte[] page(int status, String message) {
		String text = HtmlUtils.htmlEscape(message);
		return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
				+ "</title></head><body><h1>" + status + "</h1><p>" + text + "</p></body></html>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
