package dev.moonlight.accesslog;

import java.net.InetSocketAddress;
import java.time.Instant;

import dev.moonlight.pipeline.CompletedRequest;

/**
 * What one access line needs of an answered request, taken on the server thread: the
 * queue must not keep a call's parameters and uploads alive while a slow terminal holds
 * the writer back.
 */
record AccessEntry(Instant start, String method, String path, String label, int status, long bytes, long durationNanos,
		String requestId, InetSocketAddress client) {

	static AccessEntry of(CompletedRequest request) {
		return new AccessEntry(request.start(), request.method(), request.path(), request.label(), request.status(),
				request.bytes(), request.durationNanos(), (request.call() != null) ? request.call().requestId() : null,
				request.client());
	}

}
