package dev.moonlight.testapp;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.moonlight.dispatch.BadRequestException;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.middleware.ApiRequest;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.middleware.Middleware;

/**
 * Middleware for the chain's wire tests; each appends its name to {@code X-Chain} so the
 * order shows.
 */
public final class TestMiddleware {

	private TestMiddleware() {
	}

	/**
	 * Stamps every call, and adds {@code stamped: true} to the parameters of calls that
	 * have them.
	 */
	public static final class Stamp implements Middleware {

		@Override
		public void onRequest(ApiRequest request) {
			request.params().put("stamped", true);
			request.attributes().put("seen", request.requestId());
		}

		@Override
		public void onResponse(ApiRequest request, ApiResponse response) {
			response.headers().add("X-Chain", "stamp");
			response.headers().set("X-Seen", String.valueOf(request.attributes().get("seen")));
		}

	}

	/**
	 * Only for the notes service; refuses a call whose parameters say
	 * {@code "deny": true}.
	 */
	public static final class NotesOnly implements Middleware {

		@Override
		public void onRequest(ApiRequest request) {
			if (request.params().path("deny").asBoolean(false)) {
				throw new BadRequestException("Denied by middleware");
			}
		}

		@Override
		public void onResponse(ApiRequest request, ApiResponse response) {
			response.headers().add("X-Chain", "notes-only");
		}

		@Override
		public Set<String> services() {
			return Set.of("notes");
		}

	}

	/**
	 * Replaces the envelope of {@code notes.business}, and fails on every other answer
	 * (which must still go out).
	 */
	public static final class Rewrite implements Middleware {

		@Override
		public void onResponse(ApiRequest request, ApiResponse response) {
			if (!"business".equals(request.action())) {
				throw new IllegalStateException("rewrite only knows notes.business");
			}
			response.envelope(Envelope.ok("Rewritten", response.envelope().returnData()));
		}

	}

	/**
	 * A middleware bean, ordered by {@code @Order}, present only when a test asks for it.
	 */
	@Component
	@Order(2)
	@ConditionalOnProperty("test.middleware.beans")
	static final class SecondBean implements Middleware {

		@Override
		public void onResponse(ApiRequest request, ApiResponse response) {
			response.headers().add("X-Chain", "second-bean");
		}

	}

	/** Ordered before {@link SecondBean}. */
	@Component
	@Order(1)
	@ConditionalOnProperty("test.middleware.beans")
	static final class FirstBean implements Middleware {

		@Override
		public void onResponse(ApiRequest request, ApiResponse response) {
			response.headers().add("X-Chain", "first-bean");
		}

	}

	/**
	 * Sets a header value with a line break when the call asks for it: an answer that
	 * cannot be written.
	 */
	public static final class BrokenHeader implements Middleware {

		@Override
		public void onResponse(ApiRequest request, ApiResponse response) {
			if (request.params() != null && request.params().path("broken_header").asBoolean(false)) {
				response.headers().set("X-Broken", "a\r\nb");
			}
		}

	}

	/**
	 * Tags every answer with the transport its call came by, in {@code extraData} (frames
	 * and lines have no headers), and with what its request hook saw.
	 */
	public static final class TransportTag implements Middleware {

		@Override
		public void onRequest(ApiRequest request) {
			request.attributes()
				.put("seen", request.transport().label() + " " + request.service() + "." + request.action());
		}

		@Override
		public void onResponse(ApiRequest request, ApiResponse response) {
			Envelope envelope = response.envelope();
			response.envelope(new Envelope(
					envelope.returnCode(), envelope.returnMessage(), envelope.returnData(), Map.of("transport",
							request.transport().label(), "seen", String.valueOf(request.attributes().get("seen"))),
					envelope.httpStatus()));
		}

	}

}
