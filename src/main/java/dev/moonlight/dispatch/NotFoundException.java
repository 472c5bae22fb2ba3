package dev.moonlight.dispatch;

/** 404: Something the request names does not exist: a service, an action or a row. */
public class NotFoundException extends MoonlightException {

	public NotFoundException(String message) {
		super(404, message);
	}

}
