package dev.moonlight.dispatch;

import java.util.Map;

/**
 * An error that carries its HTTP status. The envelope's {@code returnCode} equals the
 * status, the message is always shown to the client (unlike an unexpected exception's),
 * and {@code data} becomes {@code returnData}. Subclasses name the common cases; throw
 * this class directly for any other status.
 */
public class MoonlightException extends RuntimeException {

	private final int status;

	private final transient Object data;

	private final Map<String, String> headers;

	public MoonlightException(int status, String message) {
		this(status, message, null, Map.of());
	}

	public MoonlightException(int status, String message, Object data, Map<String, String> headers) {
		super(message, null, false, false);
		this.status = status;
		this.data = data;
		this.headers = Map.copyOf(headers);
	}

	public int status() {
		return status;
	}

	public Object data() {
		return data;
	}

	/**
	 * Response headers that belong to this error, such as {@code Retry-After} or
	 * {@code Allow}.
	 */
	public Map<String, String> headers() {
		return headers;
	}

}
