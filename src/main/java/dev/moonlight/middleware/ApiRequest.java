package dev.moonlight.middleware;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Transport;
import tools.jackson.databind.node.ObjectNode;

/**
 * One API call as middleware sees it, whichever transport brought it: an HTTP request, a
 * WebSocket frame or a TCP line. The addressed service, action and parameters are known
 * once the body (frame, line) is read.
 */
public interface ApiRequest {

	/**
	 * The {@code ServerWebExchange} attribute under which the API call of a request is
	 * kept, for observers.
	 */
	String ATTRIBUTE = ApiRequest.class.getName();

	/**
	 * The request id echoed in {@code X-Request-Id} and carried by every log line of the
	 * call.
	 */
	String requestId();

	/** How the call arrived. */
	Transport transport();

	/**
	 * The HTTP method; {@code POST} for a WebSocket frame or a TCP line, which dispatch
	 * as {@code POST} does.
	 */
	HttpMethod method();

	/**
	 * The request path, e.g. {@code /api/v1/}; a frame's is its socket's
	 * ({@code /api/v1/ws}), a line's the API's.
	 */
	String path();

	/** The request headers, read-only; empty for frames and lines. */
	HttpHeaders headers();

	/** The peer, or {@code null} when unknown. */
	InetSocketAddress remoteAddress();

	/** Whether the client reached us over TLS (directly, or through a trusted proxy). */
	boolean secure();

	/** The API version, or {@code null} when the path named none. */
	String version();

	/**
	 * The service alias, or {@code null} before the body is read or when the call is not
	 * a dispatch.
	 */
	String service();

	/**
	 * The action name as sent, or {@code null} before the body is read or when the call
	 * is not a dispatch.
	 */
	String action();

	/**
	 * The call's parameters (the body without service and action); changes reach the
	 * action. May be {@code null}.
	 */
	ObjectNode params();

	/**
	 * The caller once authenticated; {@link Caller#ANONYMOUS} before and for anonymous
	 * calls.
	 */
	Caller caller();

	/**
	 * Values middleware shares between its request and response hooks, for this call
	 * only.
	 */
	Map<String, Object> attributes();

}
