package studio.northwind.deskflow.member;

import java.util.Locale;

import dev.moonlight.dispatch.Caller;

/**
 * The email a caller's token names (the {@code email} claim {@code member.login} signs),
 * the identity every DeskFlow ownership rule compares with a stored email: a task's
 * assignee, a project's owner. Emails compare without case, as {@code member.register}
 * stores them.
 */
public final class CallerEmail {

	private CallerEmail() {
	}

	/**
	 * The caller's email in lower case, or {@code null} for a caller without one
	 * (anonymous, a job's runner).
	 */
	public static String of(Caller caller) {
		Object email = caller.attributes().get("email");
		return (email != null) ? email.toString().toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * Whether {@code email} is the caller's own; never for a {@code null} on either side.
	 */
	public static boolean is(Caller caller, Object email) {
		String own = of(caller);
		return own != null && email != null && own.equals(email.toString().toLowerCase(Locale.ROOT));
	}

}
