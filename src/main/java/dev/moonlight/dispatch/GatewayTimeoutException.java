package dev.moonlight.dispatch;

/**
 * 504: the action ran longer than {@code http.pool.supervisor.exec_ttl} and was
 * cancelled.
 */
public class GatewayTimeoutException extends MoonlightException {

	public GatewayTimeoutException(String message) {
		super(504, message);
	}

}
