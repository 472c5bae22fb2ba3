package dev.moonlight.reload;

/**
 * A reload that cannot begin; the message says why and what to do instead. Nothing was
 * started.
 */
public final class ReloadRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ReloadRefusedException(String message) {
		super(message);
	}

	ReloadRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
