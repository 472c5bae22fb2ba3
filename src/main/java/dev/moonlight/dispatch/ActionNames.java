package dev.moonlight.dispatch;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The wire names of an action. Pionia clients send {@code list_auth}, {@code listAuth} or
 * {@code listAuthAction}; all of them are registered at boot so a request needs one map
 * lookup and no string work.
 */
public final class ActionNames {

	private ActionNames() {
	}

	/**
	 * Every wire spelling of {@code name} (the method name or an {@code @Action} value).
	 */
	static Set<String> spellings(String name) {
		String camel = camel(stripSuffix(name));
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(camel);
		spellings.add(snake(camel));
		spellings.add(camel + "Action");
		spellings.add(snake(camel) + "_action");
		return spellings;
	}

	/**
	 * The one spelling every wire name of an action shares: {@code login},
	 * {@code loginAction}, {@code LoginAction} and {@code login_action} are all
	 * {@code login}; {@code listAuth} is {@code list_auth}.
	 * @param name an action name in any spelling
	 * @return its trimmed, snake_case form without the {@code Action} suffix
	 */
	public static String canonical(String name) {
		String trimmed = name.strip();
		String camel = camel(stripSuffix(trimmed));
		return snake(camel.isEmpty() ? camel : Character.toLowerCase(camel.charAt(0)) + camel.substring(1));
	}

	/**
	 * Pionia's method name for a wire name, as its 404 message shows it ({@code delete} →
	 * {@code deleteAction}).
	 */
	static String methodName(String wire) {
		return camel(stripSuffix(wire)) + "Action";
	}

	static String stripSuffix(String name) {
		if (name.endsWith("_action")) {
			return name.substring(0, name.length() - "_action".length());
		}
		if (name.endsWith("Action") && name.length() > "Action".length()) {
			return name.substring(0, name.length() - "Action".length());
		}
		return name;
	}

	static String camel(String name) {
		StringBuilder out = new StringBuilder(name.length());
		boolean upper = false;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '_' || c == '-') {
				upper = out.length() > 0;
				continue;
			}
			out.append(upper ? Character.toUpperCase(c) : c);
			upper = false;
		}
		return out.toString();
	}

	static String snake(String name) {
		StringBuilder out = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c)) {
				if (i > 0) {
					out.append('_');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
