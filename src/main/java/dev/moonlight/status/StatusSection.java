package dev.moonlight.status;

import java.time.Duration;
import java.util.Optional;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.RrYaml;

/**
 * RoadRunner's {@code status} section.
 *
 * @param address {@code status.address}: a listener of its own for {@code /health} and
 * {@code /ready}, when written (they answer on the API's port too)
 * @param unavailableStatusCode {@code status.unavailable_status_code}: the status of a
 * failing {@code /ready} and of a failing plugin, 503 by default
 * @param unreadyDelay {@code status.unready_delay}: at shutdown (SIGTERM), how long
 * {@code /ready} fails while the server still serves everything, before the listeners
 * close and the drain begins, so a balancer that probes {@code /ready} moves away before
 * any connection is refused; 0 (the default) for one instance without a balancer
 */
record StatusSection(Optional<ConfigValue> address, int unavailableStatusCode, Duration unreadyDelay) {

	static final int DEFAULT_UNAVAILABLE = 503;

	/** The longest unready delay: a shutdown that waits longer is a stuck one. */
	static final Duration MAX_UNREADY_DELAY = Duration.ofMinutes(2);

	static StatusSection read(RrYaml rr) {
		int code = (int) rr.get("status.unavailable_status_code")
			.filter((value) -> !value.isBlank())
			.map((value) -> value.asWholeNumber(400, 599, "A status code from 400 to 599."))
			.orElse((long) DEFAULT_UNAVAILABLE)
			.longValue();
		Duration unready = rr.get("status.unready_delay").filter((value) -> !value.isBlank()).map((value) -> {
			Duration delay = value.asDuration();
			if (delay.compareTo(MAX_UNREADY_DELAY) > 0) {
				throw value.invalid("The unready delay is at most 2m: a balancer needs a few of its probe "
						+ "intervals, e.g. 5s.");
			}
			return delay;
		}).orElse(Duration.ZERO);
		return new StatusSection(rr.get("status.address").filter((value) -> !value.isBlank()), code, unready);
	}

}
