package dev.moonlight.dispatch;

import java.util.Map;

/**
 * 503: no worker could take the request in time; {@code Retry-After} tells the client
 * when to try again.
 */
public class ServiceUnavailableException extends MoonlightException {

	public ServiceUnavailableException(String message, long retryAfterSeconds) {
		super(503, message, null, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
	}

}
