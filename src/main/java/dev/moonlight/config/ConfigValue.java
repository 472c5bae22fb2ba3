package dev.moonlight.config;

/**
 * One raw configuration value as text, with the place it was read from.
 *
 * @param value the text after unquoting (never {@code null}; empty when the file gives no
 * value)
 * @param origin where the value was read from
 */
public record ConfigValue(String value, Origin origin) {

	/**
	 * Whether the value is empty or only whitespace, which the config readers treat as
	 * "not set".
	 */
	public boolean isBlank() {
		return this.value.isBlank();
	}

	/**
	 * The value as a boolean: {@code true/false}, {@code on/off}, {@code yes/no},
	 * {@code 1/0}, or empty for false.
	 * @throws ConfigException naming this value when it is none of those
	 */
	public boolean asBoolean() {
		return ValueParsers.bool(this);
	}

	/**
	 * The value as a whole number within bounds.
	 * @throws ConfigException naming this value with {@code reason} when it is not
	 */
	public long asWholeNumber(long min, long max, String reason) {
		return ValueParsers.wholeNumber(this, min, max, reason);
	}

	/**
	 * The value as a Go-style duration ({@code 500ms}, {@code 30s}, {@code 1m}; a bare
	 * number is seconds).
	 * @throws ConfigException naming this value when it is not a non-negative duration
	 */
	public java.time.Duration asDuration() {
		return GoDuration.parse(this);
	}

	/**
	 * A {@link ConfigException} about this value with the given reason (a full sentence).
	 */
	public ConfigException invalid(String reason) {
		return new ConfigException(this.origin, this.value, reason);
	}

}
