package dev.moonlight.dispatch;

/** 403: The caller is logged in but may not do this. */
public class ForbiddenException extends MoonlightException {

	public ForbiddenException(String message) {
		super(403, message);
	}

}
