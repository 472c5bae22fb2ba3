package dev.moonlight.realtime;

import java.util.regex.Pattern;

import dev.moonlight.dispatch.BadRequestException;

/**
 * Channel names: what clients and applications write ({@code tasks}) and what travels
 * ({@code moonlight:tasks}, with {@code CHANNEL_PREFIX}). A name that already carries the
 * prefix is taken as it is, so both spellings reach the same channel.
 */
final class ChannelNames {

	/**
	 * Letters, digits and {@code _ . : -}; nothing a Redis pattern would read as a
	 * wildcard.
	 */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");

	static final String INVALID = "A channel name is 1 to 128 letters, digits, _ . : or -.";

	private final String prefix;

	private final String qualifier;

	ChannelNames(String prefix) {
		this.prefix = prefix;
		this.qualifier = prefix + ":";
	}

	String prefix() {
		return prefix;
	}

	/** The Redis pattern that matches every channel of this prefix. */
	String pattern() {
		return qualifier + "*";
	}

	/**
	 * @param name a channel name, with or without the prefix
	 * @return the name with the prefix
	 * @throws BadRequestException for an empty or unusual name
	 */
	String qualify(String name) {
		if (!valid(name)) {
			throw new BadRequestException(INVALID);
		}
		return name.startsWith(qualifier) ? name : qualifier + name;
	}

	static boolean valid(String name) {
		return name != null && NAME.matcher(name).matches();
	}

	/** The name without the prefix, which the subscription rules match against. */
	String local(String qualified) {
		return qualified.startsWith(qualifier) ? qualified.substring(qualifier.length()) : qualified;
	}

}
