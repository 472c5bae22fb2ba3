package dev.moonlight.database;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Tells a failure to reach the database from other SQL errors, by exception class and
 * SQLState.
 */
public final class ConnectionFailures {

	private static final int MAX_DEPTH = 16;

	private ConnectionFailures() {
	}

	/**
	 * Whether the database could not be reached or would not take a connection: a
	 * connection-class SQLState ({@code 08xxx}) anywhere in the causes, or a pool timeout
	 * caused by a failed connection attempt (HikariCP attaches the last one: refused
	 * logins such as PostgreSQL's 55000 "not accepting connections", 57P03, 28P01). A
	 * pool timeout with no cause (every connection merely in use) is not one: the
	 * database answers.
	 */
	public static boolean unreachable(Throwable failure) {
		return any(failure, (cause) -> (cause instanceof SQLException sql && sql.getSQLState() != null
				&& sql.getSQLState().startsWith("08"))
				|| (cause instanceof SQLTransientConnectionException && cause.getCause() instanceof SQLException));
	}

	/**
	 * Whether a call failed for want of the database: {@link GuardedDataSource} refused
	 * or failed its connection ({@link DatabaseUnavailableException}), or its connection
	 * broke with a connection-class SQLState (a cut network: the first calls after an
	 * outage begins hold pooled connections that die in their hands). Such calls answer
	 * 503 "The database is unavailable." A busy pool is not one.
	 */
	public static boolean databaseUnavailable(Throwable failure) {
		return any(failure, DatabaseUnavailableException.class::isInstance) || unreachable(failure);
	}

	/**
	 * Whether a call got no connection in the pool's time while the database answers:
	 * every connection in use (contention, or a leak). Such calls answer 503 busy, never
	 * "database unavailable".
	 */
	public static boolean poolExhausted(Throwable failure) {
		return any(failure, (cause) -> cause instanceof SQLTransientConnectionException
				|| cause instanceof CannotGetJdbcConnectionException);
	}

	/**
	 * Whether a statement got no answer within its connection's network timeout
	 * ({@code setNetworkTimeout}: a socket read timed out): the database, or the network
	 * to it, is silent. Any other failure is an answer of some kind (an error, a reset).
	 */
	public static boolean noAnswer(Throwable failure) {
		return any(failure, SocketTimeoutException.class::isInstance);
	}

	/**
	 * Whether the database cancelled a statement for running past its timeout (SQLState
	 * 57014, or JDBC's own type).
	 */
	public static boolean statementTimedOut(Throwable failure) {
		return any(failure, (cause) -> cause instanceof SQLTimeoutException
				|| (cause instanceof SQLException sql && "57014".equals(sql.getSQLState())));
	}

	private static boolean any(Throwable failure, Predicate<Throwable> test) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (test.test(current)) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
