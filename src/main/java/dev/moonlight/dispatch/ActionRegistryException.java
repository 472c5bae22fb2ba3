package dev.moonlight.dispatch;

/**
 * The action table cannot be built: a duplicate alias or action, a bad switch, an
 * unusable signature.
 */
public final class ActionRegistryException extends RuntimeException {

	public ActionRegistryException(String message) {
		super(message);
	}

}
