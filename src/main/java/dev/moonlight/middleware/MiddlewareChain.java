package dev.moonlight.middleware;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured middleware in order; runs each one's hooks for the calls it covers. */
public final class MiddlewareChain {

	private static final Logger logger = LoggerFactory.getLogger(MiddlewareChain.class);

	private final List<Middleware> middleware;

	public MiddlewareChain(List<Middleware> middleware) {
		this.middleware = List.copyOf(middleware);
	}

	public List<Middleware> middleware() {
		return middleware;
	}

	public boolean isEmpty() {
		return middleware.isEmpty();
	}

	/**
	 * Runs the request hooks in order; an exception stops the chain and becomes the
	 * answer.
	 */
	public void onRequest(ApiRequest request) {
		for (Middleware each : middleware) {
			if (covers(each, request)) {
				each.onRequest(request);
			}
		}
	}

	/**
	 * Runs the response hooks in order; a hook that fails is logged and the answer still
	 * goes out.
	 */
	public void onResponse(ApiRequest request, ApiResponse response) {
		for (Middleware each : middleware) {
			if (!covers(each, request)) {
				continue;
			}
			try {
				each.onResponse(request, response);
			}
			catch (RuntimeException ex) {
				logger.error("Response middleware {} failed; the answer goes out without its changes",
						each.getClass().getName(), ex);
			}
		}
	}

	private static boolean covers(Middleware each, ApiRequest request) {
		return each.services().isEmpty() || (request.service() != null && each.services().contains(request.service()));
	}

}
