package dev.moonlight.maintenance;

import java.io.IOException;

/**
 * Where {@code maintenance:on} records the runtime switch: one JSON object
 * ({@code {"message":"...","retry_after":120,"bypass_sha256":"..."}}, each optional)
 * while maintenance is switched on, nothing while it is off. {@link MaintenanceSwitch} is
 * the file {@code storage/run/maintenance.json} (one instance, the embedded database);
 * {@link DatabaseMaintenanceSwitch} is a row of the shared PostgreSQL database, which
 * every instance on it reads. A project has one of them, never both.
 */
public interface MaintenanceStore {

	/**
	 * Switches maintenance on, replacing what an earlier {@code maintenance:on} set.
	 * @param message what clients are told, or {@code null} for the configured message
	 * @param retryAfterSeconds the wait clients are told, or {@code null} for the
	 * configured one
	 * @param bypassToken the token that lets a request through, or {@code null} for the
	 * configured one (usually none); only its digest is kept
	 * @throws IllegalArgumentException when a value is not one line of printable text, or
	 * the token has blanks
	 */
	void turnOn(String message, Long retryAfterSeconds, String bypassToken) throws IOException;

	/**
	 * Switches the runtime maintenance off, forgetting its bypass token; false when it
	 * was not on.
	 */
	boolean turnOff() throws IOException;

	/** The switch's JSON, or {@code null} when maintenance is not switched on here. */
	String text() throws IOException;

	/** Where the switch lives, for messages: a path, or the table. */
	String where();

}
