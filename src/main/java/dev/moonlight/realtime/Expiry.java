package dev.moonlight.realtime;

import java.time.Instant;
import java.util.Date;

import dev.moonlight.dispatch.Caller;

/**
 * When a caller's credential stops being valid: the {@code exp} attribute the JWT backend
 * copies from the token (a {@link Date}), an {@link Instant}, or epoch seconds from
 * another backend. No {@code exp}, no expiry.
 */
final class Expiry {

	private Expiry() {
	}

	static Instant of(Caller caller) {
		Object exp = caller.attributes().get("exp");
		if (exp instanceof Date date) {
			return date.toInstant();
		}
		if (exp instanceof Instant instant) {
			return instant;
		}
		if (exp instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		return null;
	}

}
