package dev.moonlight.database;

import java.sql.SQLTransientConnectionException;

/**
 * What {@code getConnection()} throws at once while the database is known to be
 * unreachable, instead of waiting out the pool's connection timeout. A connection-class
 * SQLException (SQLState 08001), so JDBC code treats it as one.
 */
public final class DatabaseUnavailableException extends SQLTransientConnectionException {

	private static final long serialVersionUID = 1L;

	/**
	 * What clients are told to wait: about how long the probe takes to see the database
	 * back, with a margin.
	 */
	public static final long RETRY_AFTER_SECONDS = 5;

	DatabaseUnavailableException(String reason, Throwable cause) {
		super("The database is unavailable: " + reason, "08001", cause);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// Thrown on every call during an outage and never logged with its stack: skip the
		// cost of one.
		return this;
	}

}
