package dev.moonlight.dispatch;

/** 401: The action needs a logged-in caller. */
public class UnauthorizedException extends MoonlightException {

	public UnauthorizedException(String message) {
		super(401, message);
	}

}
