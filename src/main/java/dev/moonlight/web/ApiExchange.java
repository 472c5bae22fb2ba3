package dev.moonlight.web;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.middleware.ApiRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * One API call while it is handled: the request's head, its request id, and what becomes known along the way (the
 * addressed action, its parameters, the caller). Middleware sees it as an {@link ApiRequest}. Used by one call at a
 * time: the event loop until dispatch, then the thread that finished the action. It holds no transport type, so the
 * WebFlux route and the direct Reactor Netty route build the same exchange.
 */
final class ApiExchange implements ApiRequest {

	private final HttpMethod method;

	private final String path;

	private final HttpHeaders headers;

	private final InetSocketAddress remoteAddress;

	private final InetSocketAddress localAddress;

	private final String requestId;

	private final boolean secure;

	private ActionContext call;

	private Map<String, Object> attributes;

	ApiExchange(HttpMethod method, String path, HttpHeaders headers, InetSocketAddress remoteAddress,
			InetSocketAddress localAddress, String requestId, boolean secure) {
		this.method = method;
		this.path = path;
		this.headers = headers;
		this.remoteAddress = remoteAddress;
		this.localAddress = localAddress;
		this.requestId = requestId;
		this.secure = secure;
	}

	/** The address the request arrived on, or {@code null} when the transport does not say. */
	InetSocketAddress localAddress() {
		return localAddress;
	}

	/** Records the addressed call once the body is read; later changes to its parameters reach the action. */
	void address(ActionContext addressed) {
		this.call = addressed;
	}

	/** The addressed call, or {@code null} before the body is read. */
	ActionContext call() {
		return call;
	}

	/** The call as it will be dispatched, by the authenticated caller. */
	ActionContext by(Caller caller) {
		this.call = call.by(caller);
		return call;
	}

	/** {@code service.action} once addressed, else the method and path, for log lines. */
	String label() {
		return (call != null) ? call.service() + "." + call.action() : method + " " + path;
	}

	@Override
	public String requestId() {
		return requestId;
	}

	@Override
	public HttpMethod method() {
		return method;
	}

	@Override
	public String path() {
		return path;
	}

	@Override
	public HttpHeaders headers() {
		return headers;
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return remoteAddress;
	}

	@Override
	public boolean secure() {
		return secure;
	}

	@Override
	public String version() {
		return (call != null) ? call.version() : null;
	}

	@Override
	public String service() {
		return (call != null) ? call.service() : null;
	}

	@Override
	public String action() {
		return (call != null) ? call.action() : null;
	}

	@Override
	public ObjectNode params() {
		return (call != null) ? call.params() : null;
	}

	@Override
	public Caller caller() {
		return (call != null) ? call.caller() : Caller.ANONYMOUS;
	}

	@Override
	public Map<String, Object> attributes() {
		if (attributes == null) {
			attributes = new HashMap<>();
		}
		return attributes;
	}

}
