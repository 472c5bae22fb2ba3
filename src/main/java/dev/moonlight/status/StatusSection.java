package dev.moonlight.status;

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
 */
record StatusSection(Optional<ConfigValue> address, int unavailableStatusCode) {

	static final int DEFAULT_UNAVAILABLE = 503;

	static StatusSection read(RrYaml rr) {
		int code = (int) rr.get("status.unavailable_status_code")
			.filter((value) -> !value.isBlank())
			.map((value) -> value.asWholeNumber(400, 599, "A status code from 400 to 599."))
			.orElse((long) DEFAULT_UNAVAILABLE)
			.longValue();
		return new StatusSection(rr.get("status.address").filter((value) -> !value.isBlank()), code);
	}

}
