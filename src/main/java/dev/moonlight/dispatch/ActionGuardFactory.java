package dev.moonlight.dispatch;

import java.lang.reflect.Method;

/**
 * Prepares the {@link ActionGuard} of each action at boot, from the service class and the
 * action method (for example from their security marks). Register one as a bean; without
 * one every action is open.
 */
@FunctionalInterface
public interface ActionGuardFactory {

	/**
	 * @param serviceType the service bean's class
	 * @param method the action method
	 * @param action the action's declared name, e.g. {@code list_auth}
	 * @return the guard, {@link ActionGuard#OPEN} when the action is public
	 */
	ActionGuard create(Class<?> serviceType, Method method, String action);

}
