package dev.moonlight.security;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.moonlight.dispatch.ActionGuard;
import dev.moonlight.dispatch.ActionGuardFactory;
import dev.moonlight.dispatch.ActionNames;

/**
 * Reads the security marks of a service and its actions into an {@link AccessRule}, as
 * Pionia resolves its attributes: a service mark covers every action not in its
 * {@code except} list; {@code @Authenticated} on the action always requires a login and
 * may replace the message; {@code @Can}/{@code @CanAny} on the action replace the
 * service's permission marks.
 */
public final class AccessRules implements ActionGuardFactory {

	@Override
	public ActionGuard create(Class<?> serviceType, Method method, String action) {
		AccessRule rule = resolve(serviceType, method, action);
		return rule.isPublic() ? ActionGuard.OPEN : rule;
	}

	/**
	 * The rule of one action.
	 * @param serviceType the service class
	 * @param method the action method
	 * @param action the action's declared name
	 * @return the rule, {@link AccessRule#PUBLIC} when no mark applies
	 */
	public AccessRule resolve(Class<?> serviceType, Method method, String action) {
		String canonical = ActionNames.canonical(action);
		boolean login = false;
		String loginMessage = AccessRule.LOGIN_REQUIRED;
		Authenticated onService = AnnotatedElementUtils.findMergedAnnotation(serviceType, Authenticated.class);
		if (onService != null && !exempt(onService.except(), canonical)) {
			login = true;
			loginMessage = orDefault(onService.message(), loginMessage);
		}
		Authenticated onAction = AnnotatedElementUtils.findMergedAnnotation(method, Authenticated.class);
		if (onAction != null) {
			login = true;
			loginMessage = orDefault(onAction.message(), loginMessage);
		}
		List<AccessRule.PermissionCheck> checks = permissionChecks(method, null);
		if (checks.isEmpty()) {
			checks = permissionChecks(serviceType, canonical);
		}
		return new AccessRule(login, loginMessage, checks);
	}

	/**
	 * {@code canonical} non-null means service marks, whose {@code except} lists apply.
	 */
	private static List<AccessRule.PermissionCheck> permissionChecks(AnnotatedElement element, String canonical) {
		List<AccessRule.PermissionCheck> checks = new ArrayList<>();
		for (Can can : AnnotatedElementUtils.findMergedRepeatableAnnotations(element, Can.class)) {
			if (canonical == null || !exempt(can.except(), canonical)) {
				checks.add(new AccessRule.PermissionCheck(false, Arrays.asList(can.value()),
						orDefault(can.message(), AccessRule.PERMISSION_MISSING)));
			}
		}
		CanAny canAny = AnnotatedElementUtils.findMergedAnnotation(element, CanAny.class);
		if (canAny != null && (canonical == null || !exempt(canAny.except(), canonical))) {
			checks.add(new AccessRule.PermissionCheck(true, Arrays.asList(canAny.value()),
					orDefault(canAny.message(), AccessRule.PERMISSION_MISSING)));
		}
		return checks;
	}

	private static boolean exempt(String[] except, String canonical) {
		return Arrays.stream(except).map(ActionNames::canonical).anyMatch(canonical::equalsIgnoreCase);
	}

	private static String orDefault(String message, String fallback) {
		return message.isEmpty() ? fallback : message;
	}

}
