package dev.moonlight.dispatch;

/** 400: The request could not be understood, such as malformed JSON. */
public class BadRequestException extends MoonlightException {

	public BadRequestException(String message) {
		super(400, message);
	}

}
