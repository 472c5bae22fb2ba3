package dev.moonlight.dispatch;

import java.util.Map;

/**
 * 422: the parameters failed validation. {@code returnData} is {@code {"errors": {field:
 * [messages...]}}} with every failing field, and the message is the first error, as
 * Pionia reports it ({@code title is required}).
 */
public class UnprocessableException extends MoonlightException {

	private final transient FieldErrors errors;

	public UnprocessableException(FieldErrors errors) {
		super(422, errors.summary(), Map.of("errors", errors.asMap()), Map.of());
		this.errors = errors;
	}

	/** A single failing field. */
	public static UnprocessableException of(String field, String message) {
		return new UnprocessableException(new FieldErrors().add(field, message));
	}

	public FieldErrors errors() {
		return errors;
	}

}
