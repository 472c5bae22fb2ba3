package dev.moonlight.security;

import java.util.List;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.ActionGuard;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.UnauthorizedException;

/**
 * What an action demands of its caller, resolved once at boot from its marks: a login,
 * then each permission check in order. The login check always comes first, so a missing
 * login is 401 and never 403.
 *
 * @param loginRequired whether the caller must be logged in (implied by any permission
 * check)
 * @param loginMessage the 401 message
 * @param checks the permission checks, {@code @Can} marks before {@code @CanAny}
 */
public record AccessRule(boolean loginRequired, String loginMessage,
		List<PermissionCheck> checks) implements ActionGuard {

	/** Pionia's default 401 message. */
	public static final String LOGIN_REQUIRED = "You must be authenticated to access this resource";

	/**
	 * Pionia's default 403 message (its docs say "permission"; its source, which clients
	 * see, says "access").
	 */
	public static final String PERMISSION_MISSING = "You do not have access to this resource";

	/** The rule of a public action. */
	public static final AccessRule PUBLIC = new AccessRule(false, LOGIN_REQUIRED, List.of());

	public AccessRule {
		checks = List.copyOf(checks);
		loginRequired = loginRequired || !checks.isEmpty();
	}

	public boolean isPublic() {
		return !loginRequired;
	}

	@Override
	public void check(ActionContext context) {
		Caller caller = context.caller();
		if (!loginRequired) {
			return;
		}
		if (!caller.authenticated()) {
			throw new UnauthorizedException(loginMessage);
		}
		for (PermissionCheck check : checks) {
			if (!check.allows(caller)) {
				throw new ForbiddenException(check.message());
			}
		}
	}

	/**
	 * One {@code @Can} (every permission) or {@code @CanAny} (one of them).
	 *
	 * @param anyOf {@code true} for {@code @CanAny}
	 * @param permissions the permissions named
	 * @param message the 403 message
	 */
	public record PermissionCheck(boolean anyOf, List<String> permissions, String message) {

		public PermissionCheck {
			permissions = List.copyOf(permissions);
		}

		boolean allows(Caller caller) {
			if (anyOf) {
				return permissions.stream().anyMatch(caller::can);
			}
			return permissions.stream().allMatch(caller::can);
		}

	}

}
