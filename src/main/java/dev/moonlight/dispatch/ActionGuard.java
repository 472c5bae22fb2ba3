package dev.moonlight.dispatch;

/**
 * Decides whether the caller may make a call, before its parameters are bound or
 * validated, so an anonymous write is answered 401 rather than 422. One guard is prepared
 * per action at boot by an {@link ActionGuardFactory}.
 */
@FunctionalInterface
public interface ActionGuard {

	/** The guard of an action that anyone may call. */
	ActionGuard OPEN = (context) -> {
	};

	/**
	 * Checks the call.
	 * @param context the call, with its caller
	 * @throws MoonlightException usually 401 or 403, when the call is not allowed
	 */
	void check(ActionContext context);

}
