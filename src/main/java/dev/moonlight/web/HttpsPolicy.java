package dev.moonlight.web;

import java.net.InetSocketAddress;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Decides whether a request arrived over TLS (directly, or per {@code X-Forwarded-Proto}
 * from a trusted proxy), and with {@code HTTPS_ONLY=true} refuses API calls that did not.
 * A bean, so the WebSocket endpoint applies the same rule to its handshakes.
 */
public final class HttpsPolicy {

	/** The message of the 403 answered to a plain-HTTP call under {@code HTTPS_ONLY}. */
	public static final String REFUSED = "Only HTTPS connections are allowed";

	private final boolean httpsOnly;

	private final TrustedProxies proxies;

	HttpsPolicy(boolean httpsOnly, TrustedProxies proxies) {
		this.httpsOnly = httpsOnly;
		this.proxies = proxies;
	}

	/** Whether the request came over TLS, directly or through a trusted proxy. */
	public boolean secure(ServerHttpRequest request) {
		return secure(request.getSslInfo() != null, request.getHeaders(), request.getRemoteAddress());
	}

	/**
	 * Whether a request that came over TLS or not, with these headers from this peer,
	 * counts as secure.
	 */
	boolean secure(boolean tls, HttpHeaders headers, InetSocketAddress peer) {
		if (tls) {
			return true;
		}
		return proxies.forwardedHttps(peer, headers);
	}

	/** Whether a request that is (or is not) {@code secure} must be refused. */
	public boolean refuses(boolean secure) {
		return httpsOnly && !secure;
	}

}
