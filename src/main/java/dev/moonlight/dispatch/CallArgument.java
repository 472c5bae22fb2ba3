package dev.moonlight.dispatch;

/**
 * Supplies action parameters of one more type from the call, for capabilities outside the
 * dispatcher (the jobs package supplies its per-call {@code Calls}). Register one as a
 * bean; the type is matched exactly, at boot.
 *
 * @param <T> the parameter type
 */
public interface CallArgument<T> {

	/** The parameter type this argument fills. */
	Class<T> type();

	/** The value for one call; called on the thread that runs the action. */
	T resolve(ActionContext context);

}
