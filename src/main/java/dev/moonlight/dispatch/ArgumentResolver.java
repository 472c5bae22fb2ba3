package dev.moonlight.dispatch;

/**
 * Supplies one argument of an action method from the call; chosen once at boot per
 * parameter.
 */
@FunctionalInterface
interface ArgumentResolver {

	Object resolve(ActionContext context, Object params);

}
