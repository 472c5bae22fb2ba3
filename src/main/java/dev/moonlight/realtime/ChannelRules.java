package dev.moonlight.realtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.UnauthorizedException;
import dev.moonlight.security.AccessRule;

/**
 * Who may subscribe to a channel: {@code [realtime_channels]} lines such as
 * {@code admin = task.manage}, each a channel name prefix (without
 * {@code CHANNEL_PREFIX}) and what a subscriber needs: {@code public},
 * {@code authenticated}, or permissions separated by commas (all of them). The longest
 * matching prefix decides; a channel no line matches is public. As with action marks, a
 * missing login is 401 before any 403.
 */
public final class ChannelRules {

	/** No rules: every channel is public. */
	public static final ChannelRules NONE = new ChannelRules(List.of());

	static final String PUBLIC = "public";

	static final String AUTHENTICATED = "authenticated";

	private final List<Rule> rules;

	private ChannelRules(List<Rule> rules) {
		this.rules = rules.stream()
			.sorted(Comparator.comparingInt((Rule rule) -> rule.prefix().length()).reversed())
			.toList();
	}

	/**
	 * @param section the lines of {@code [realtime_channels]}
	 * @throws dev.moonlight.config.ConfigException naming the line of an empty
	 * requirement
	 */
	static ChannelRules parse(Map<String, ConfigValue> section) {
		List<Rule> rules = new ArrayList<>();
		section.forEach((prefix, value) -> rules.add(rule(prefix, value)));
		return new ChannelRules(rules);
	}

	private static Rule rule(String prefix, ConfigValue value) {
		String text = value.value().strip();
		if (text.isEmpty()) {
			throw value.invalid("Say who may subscribe: public, authenticated, or permissions separated by commas.");
		}
		if (text.equalsIgnoreCase(PUBLIC)) {
			return new Rule(prefix, false, List.of());
		}
		if (text.equalsIgnoreCase(AUTHENTICATED)) {
			return new Rule(prefix, true, List.of());
		}
		List<String> permissions = new ArrayList<>();
		for (String part : text.split(",")) {
			if (!part.isBlank()) {
				permissions.add(part.strip());
			}
		}
		return new Rule(prefix, true, permissions);
	}

	/**
	 * Lets the caller subscribe to the channel or says why not.
	 * @param caller who asks
	 * @param name the channel name without {@code CHANNEL_PREFIX}
	 * @throws UnauthorizedException when the channel needs a login and the caller has
	 * none
	 * @throws ForbiddenException when the caller lacks a permission the channel needs
	 */
	void check(Caller caller, String name) {
		for (Rule rule : rules) {
			if (name.startsWith(rule.prefix())) {
				rule.check(caller);
				return;
			}
		}
	}

	private record Rule(String prefix, boolean login, List<String> permissions) {

		void check(Caller caller) {
			if (login && !caller.authenticated()) {
				throw new UnauthorizedException(AccessRule.LOGIN_REQUIRED);
			}
			for (String permission : permissions) {
				if (!caller.can(permission)) {
					throw new ForbiddenException(AccessRule.PERMISSION_MISSING);
				}
			}
		}

	}

}
