package dev.moonlight.middleware;

import java.util.Set;

/**
 * Pionia's middleware: hooks around every API call. {@link #onRequest} runs after the
 * body is read and before authentication and dispatch; {@link #onResponse} runs on every
 * answer, errors included, before it is written. The chain runs in
 * {@code [app_middlewares]} order, or bean order when that section is absent.
 * <p>
 * Both hooks run on a server thread (the event loop for requests): keep them quick and
 * never block. A request hook answers at once by throwing a {@code MoonlightException}; a
 * response hook that throws is logged and skipped.
 */
public interface Middleware {

	/**
	 * Sees (and may change) the call before it is authenticated and dispatched.
	 * @param request the call; its parameters may be changed in place
	 */
	default void onRequest(ApiRequest request) {
	}

	/**
	 * Sees (and may change) the answer before it is written.
	 * @param request the same call {@link #onRequest} saw
	 * @param response the status, envelope and headers about to be written
	 */
	default void onResponse(ApiRequest request, ApiResponse response) {
	}

	/**
	 * Pionia's {@code limitServicesTo}: when not empty, the hooks run only for calls to
	 * these service aliases.
	 * @return the service aliases, empty for every call
	 */
	default Set<String> services() {
		return Set.of();
	}

}
