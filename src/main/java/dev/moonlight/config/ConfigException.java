package dev.moonlight.config;

/**
 * A configuration value or file that cannot be used; the message is one line naming file,
 * line, key, value and reason, for example
 * {@code environment/settings.ini:12: [server] PORT = "abc": Port must be a whole
 * number between 0 and 65535.}
 */
public final class ConfigException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Origin origin;

	private final String value;

	private final String reason;

	/**
	 * Creates an exception for a bad value.
	 * @param origin where the value came from
	 * @param value the offending value as written, or {@code null} when there is none (a
	 * malformed file)
	 * @param reason a full sentence: starts with a capital letter and ends with a full
	 * stop
	 */
	public ConfigException(Origin origin, String value, String reason) {
		this(origin, value, reason, null);
	}

	/**
	 * Creates an exception for a bad value caused by another exception (an I/O or YAML
	 * error).
	 * @param origin where the value came from
	 * @param value the offending value, or {@code null}
	 * @param reason a full sentence
	 * @param cause the underlying exception, or {@code null}
	 */
	public ConfigException(Origin origin, String value, String reason, Throwable cause) {
		super(message(origin, value, reason), cause);
		this.origin = origin;
		this.value = value;
		this.reason = reason;
	}

	/** Where the offending value came from. */
	public Origin origin() {
		return this.origin;
	}

	/**
	 * The offending value as written, or {@code null} when the whole file or line is at
	 * fault.
	 */
	public String value() {
		return this.value;
	}

	/** Why the value cannot be used, as a full sentence. */
	public String reason() {
		return this.reason;
	}

	private static String message(Origin origin, String value, String reason) {
		StringBuilder message = new StringBuilder(origin.location()).append(": ");
		if (origin.key() != null) {
			message.append(origin.key());
			if (value != null) {
				message.append(" = ");
			}
		}
		if (value != null) {
			message.append('"').append(value).append('"');
		}
		if (origin.key() != null || value != null) {
			message.append(": ");
		}
		return message.append(reason).toString();
	}

}
