package dev.moonlight.web;

import org.springframework.http.HttpHeaders;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.logging.RequestLogContext;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.middleware.MiddlewareChain;

/**
 * Turns the outcome of a call into the response: the request id header, the response middleware, then the
 * envelope serialised once into the body. Every API answer, errors included, goes through here.
 */
final class Responder {

	private final EnvelopeWriter writer;

	private final ErrorMapper errors;

	private final MiddlewareChain middleware;

	Responder(EnvelopeWriter writer, ErrorMapper errors, MiddlewareChain middleware) {
		this.writer = writer;
		this.errors = errors;
		this.middleware = middleware;
	}

	ApiAnswer respond(ApiExchange exchange, Reply reply) {
		return respond(exchange, reply, null);
	}

	/**
	 * @param serialised the envelope already written as bytes (the pong), used unless middleware replaces it
	 */
	ApiAnswer respond(ApiExchange exchange, Reply reply, byte[] serialised) {
		HttpHeaders headers = headers(exchange, reply);
		Envelope envelope = reply.envelope();
		if (!middleware.isEmpty()) {
			ApiResponse response = new ApiResponse(reply.status(), envelope, headers);
			try (RequestLogContext log = RequestLogContext.open(exchange.requestId())) {
				middleware.onResponse(exchange, response);
			}
			envelope = response.envelope();
		}
		if (serialised != null && envelope == reply.envelope()) {
			return ApiAnswer.envelope(reply.status(), headers, serialised);
		}
		try {
			return ApiAnswer.envelope(reply.status(), headers, writer.write(envelope));
		}
		catch (RuntimeException ex) {
			Reply failed = mapLogged(exchange, ex, "serialising the envelope of " + exchange.label());
			return ApiAnswer.envelope(failed.status(), headers, writer.write(failed.envelope()));
		}
	}

	ApiAnswer failure(ApiExchange exchange, Throwable failure) {
		return respond(exchange, mapLogged(exchange, failure, exchange.label()));
	}

	/** The headers every answer carries; the outcome's own (Allow, Retry-After) first. */
	HttpHeaders headers(ApiExchange exchange, Reply reply) {
		HttpHeaders headers = new HttpHeaders();
		reply.headers().forEach(headers::set);
		headers.set(RequestIds.HEADER, exchange.requestId());
		return headers;
	}

	private Reply mapLogged(ApiExchange exchange, Throwable failure, String label) {
		try (RequestLogContext log = RequestLogContext.open(exchange.requestId())) {
			return errors.map(failure, label, exchange.params());
		}
	}

}
