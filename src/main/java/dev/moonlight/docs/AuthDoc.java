package dev.moonlight.docs;

import java.util.ArrayList;
import java.util.List;

import dev.moonlight.security.AccessRule;

/**
 * What an action demands of its caller, from its security marks.
 *
 * @param loginRequired whether a login is needed (a permission implies one)
 * @param allOf permissions the caller must all hold ({@code @Can})
 * @param anyOf permissions of which the caller must hold one ({@code @CanAny}); empty
 * when there is no such mark
 */
public record AuthDoc(boolean loginRequired, List<String> allOf, List<String> anyOf) {

	/** An action anyone may call. */
	public static final AuthDoc PUBLIC = new AuthDoc(false, List.of(), List.of());

	public AuthDoc {
		allOf = List.copyOf(allOf);
		anyOf = List.copyOf(anyOf);
	}

	static AuthDoc of(AccessRule rule) {
		List<String> all = new ArrayList<>();
		List<String> any = new ArrayList<>();
		for (AccessRule.PermissionCheck check : rule.checks()) {
			(check.anyOf() ? any : all).addAll(check.permissions());
		}
		return new AuthDoc(rule.loginRequired(), all.stream().distinct().toList(), any);
	}

	/**
	 * One line for tables: {@code public}, {@code login},
	 * {@code login, all of task.manage; any of a|b}.
	 */
	public String summary() {
		if (!loginRequired) {
			return "public";
		}
		StringBuilder line = new StringBuilder("login");
		if (!allOf.isEmpty()) {
			line.append(", all of ").append(String.join(" ", allOf));
		}
		if (!anyOf.isEmpty()) {
			line.append(allOf.isEmpty() ? ", " : "; ").append("any of ").append(String.join("|", anyOf));
		}
		return line.toString();
	}

}
