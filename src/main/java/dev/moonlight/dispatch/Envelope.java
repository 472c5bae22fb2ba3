package dev.moonlight.dispatch;

/**
 * The one response shape of the API: {@code returnCode} (0 = success),
 * {@code returnMessage}, {@code returnData} and {@code extraData}, always serialised in
 * that order. {@code httpStatus} is not serialised: 0 lets the framework choose (200 for
 * a returned envelope), any other value is sent as the HTTP status.
 */
public record Envelope(int returnCode, String returnMessage, Object returnData, Object extraData, int httpStatus) {

	public Envelope(int returnCode, String returnMessage, Object returnData, Object extraData) {
		this(returnCode, returnMessage, returnData, extraData, 0);
	}

	/** A success envelope carrying {@code data}. */
	public static Envelope ok(Object data) {
		return new Envelope(0, null, data, null);
	}

	/** A success envelope with a message. */
	public static Envelope ok(String message, Object data) {
		return new Envelope(0, message, data, null);
	}

	/**
	 * A business outcome: a non-zero {@code returnCode}, sent with HTTP 200 unless
	 * {@link #withStatus} says otherwise.
	 */
	public static Envelope of(int returnCode, String message, Object data) {
		return new Envelope(returnCode, message, data, null);
	}

	/** The same envelope sent with the given HTTP status. */
	public Envelope withStatus(int status) {
		return new Envelope(returnCode, returnMessage, returnData, extraData, status);
	}

	/** The same envelope with {@code returnData}. */
	public Envelope withData(Object data) {
		return new Envelope(returnCode, returnMessage, data, extraData, httpStatus);
	}

	/** The same envelope with {@code extraData}. */
	public Envelope withExtra(Object extra) {
		return new Envelope(returnCode, returnMessage, returnData, extra, httpStatus);
	}

}
