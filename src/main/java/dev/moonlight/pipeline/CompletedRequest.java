package dev.moonlight.pipeline;

import java.net.InetSocketAddress;
import java.time.Instant;

import dev.moonlight.middleware.ApiRequest;

/**
 * One answered HTTP request, WebSocket frame or TCP line, as observers (the access log,
 * metrics) see it.
 *
 * @param start when the request arrived
 * @param method the HTTP method, or {@code WEBSOCKET} or {@code TCP} for a frame or a
 * line
 * @param path the request path
 * @param status the response status
 * @param bytes the body size from {@code Content-Length}, or {@code -1} when unknown
 * (streamed)
 * @param durationNanos from arrival until the response was written
 * @param call the API call when the request was one (service, action, request id), else
 * {@code null}
 * @param client the client's address: the peer, or the right-most untrusted
 * {@code X-Forwarded-For} hop from a trusted proxy
 */
public record CompletedRequest(Instant start, String method, String path, int status, long bytes, long durationNanos,
		ApiRequest call, InetSocketAddress client) {

	/** {@code service.action} of an API call, or {@code null}. */
	public String label() {
		return (call != null && call.service() != null) ? call.service() + "." + call.action() : null;
	}

}
