package dev.moonlight.pipeline;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Transport;
import dev.moonlight.maintenance.MaintenanceBypass;
import dev.moonlight.middleware.ApiRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call while the {@link CallPipeline} runs it, whatever brought it: the transport's
 * identity of the caller (the headers that carry credentials, or a socket's caller), the
 * request id, and what becomes known along the way (the addressed action, its parameters,
 * the caller). Middleware sees it as an {@link ApiRequest}. Used by one call at a time:
 * the event loop until dispatch, then the thread that finished the action.
 */
public final class Call implements ApiRequest {

	private final Transport transport;

	private final HttpMethod method;

	private final String path;

	private final String rawQuery;

	private final HttpHeaders headers;

	private final InetSocketAddress remoteAddress;

	private final InetSocketAddress localAddress;

	private final String requestId;

	private final boolean secure;

	private final String bypass;

	private final Mono<Caller> identity;

	private final long startedNanos = System.nanoTime();

	private ActionContext call;

	private Map<String, Object> attributes;

	private Call(Transport transport, HttpMethod method, String path, String rawQuery, HttpHeaders headers,
			InetSocketAddress remoteAddress, InetSocketAddress localAddress, String requestId, boolean secure,
			String bypass, Mono<Caller> identity) {
		this.transport = transport;
		this.method = method;
		this.path = path;
		this.rawQuery = rawQuery;
		this.headers = headers;
		this.remoteAddress = remoteAddress;
		this.localAddress = localAddress;
		this.requestId = requestId;
		this.secure = secure;
		this.bypass = bypass;
		this.identity = identity;
	}

	/**
	 * An HTTP request to the API; its headers carry the credentials and the maintenance
	 * bypass token (or its query).
	 * @param rawQuery the query without {@code ?}, or {@code null}
	 */
	public static Call http(HttpMethod method, String path, String rawQuery, HttpHeaders headers,
			InetSocketAddress remote, InetSocketAddress local, String requestId, boolean secure) {
		return new Call(Transport.HTTP, method, path, rawQuery, headers, remote, local, requestId, secure, null, null);
	}

	/**
	 * A WebSocket frame: the socket holds the caller (its handshake's, or the last
	 * {@code auth} frame's) and the bypass token its handshake offered.
	 */
	public static Call frame(String socketPath, InetSocketAddress remote, boolean secure, Mono<Caller> caller,
			String bypass) {
		return new Call(Transport.WEBSOCKET, HttpMethod.POST, socketPath, null, HttpHeaders.EMPTY, remote, null,
				RequestIds.generate(), secure, bypass, caller);
	}

	/**
	 * A TCP line.
	 * @param caller the caller of the token the connection logged in with, checked for
	 * this line; {@code null} for a connection that has not logged in
	 */
	public static Call line(String version, Mono<Caller> caller, InetSocketAddress remote, InetSocketAddress local) {
		return new Call(Transport.TCP, HttpMethod.POST, "/api/" + version + "/", null, HttpHeaders.EMPTY, remote, local,
				RequestIds.generate(), false, null, caller);
	}

	/**
	 * The address the call arrived on, or {@code null} when the transport does not say.
	 */
	public InetSocketAddress localAddress() {
		return localAddress;
	}

	/** The query of an HTTP call as sent, without {@code ?}; {@code null} when none. */
	public String rawQuery() {
		return rawQuery;
	}

	/** The maintenance bypass token the call offers, or {@code null}. */
	public String bypass() {
		return (transport == Transport.HTTP) ? MaintenanceBypass.offered(headers, rawQuery) : bypass;
	}

	/**
	 * The transport's caller (a socket's, a logged-in line's); {@code null} when the
	 * pipeline authenticates the headers.
	 */
	Mono<Caller> identity() {
		return identity;
	}

	/** When the call arrived, by {@link System#nanoTime()}. */
	public long startedNanos() {
		return startedNanos;
	}

	/**
	 * Records the addressed call once the body is read; later changes to its parameters
	 * reach the action.
	 */
	public void address(ActionContext addressed) {
		this.call = addressed;
	}

	/** The addressed call, or {@code null} before the body is read. */
	public ActionContext call() {
		return call;
	}

	/** The call as it will be dispatched, by the authenticated caller. */
	ActionContext by(Caller caller) {
		this.call = call.by(caller);
		return call;
	}

	/**
	 * For log lines: {@code service.action} once addressed, else the method and path; a
	 * frame's or a line's is prefixed with its transport ({@code ws task.list},
	 * {@code tcp /api/v1/}).
	 */
	public String label() {
		if (transport == Transport.HTTP) {
			return (call != null) ? call.service() + "." + call.action() : method + " " + path;
		}
		return transport.label() + " " + ((call != null) ? call.service() + "." + call.action() : path);
	}

	@Override
	public Transport transport() {
		return transport;
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
