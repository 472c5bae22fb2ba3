package dev.moonlight.middleware;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.moonlight.dispatch.Caller;
import tools.jackson.databind.node.ObjectNode;

/** One API call as middleware sees it. The addressed service, action and parameters are known once the body is read. */
public interface ApiRequest {

	/** The {@code ServerWebExchange} attribute under which the API call of a request is kept, for observers. */
	String ATTRIBUTE = ApiRequest.class.getName();

	/** The request id echoed in {@code X-Request-Id} and carried by every log line of the call. */
	String requestId();

	HttpMethod method();

	/** The request path, e.g. {@code /api/v1/}. */
	String path();

	/** The request headers, read-only. */
	HttpHeaders headers();

	/** The peer, or {@code null} when unknown. */
	InetSocketAddress remoteAddress();

	/** Whether the client reached us over TLS (directly, or through a trusted proxy). */
	boolean secure();

	/** The API version, or {@code null} when the path named none. */
	String version();

	/** The service alias, or {@code null} before the body is read or when the call is not a dispatch. */
	String service();

	/** The action name as sent, or {@code null} before the body is read or when the call is not a dispatch. */
	String action();

	/** The call's parameters (the body without service and action); changes reach the action. May be {@code null}. */
	ObjectNode params();

	/** The caller once authenticated; {@link Caller#ANONYMOUS} before and for anonymous calls. */
	Caller caller();

	/** Values middleware shares between its request and response hooks, for this call only. */
	Map<String, Object> attributes();

}
