package dev.moonlight.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * The application's pool behind a check: while {@link DatabaseAvailability} says the
 * database is down, {@code getConnection()} throws {@link DatabaseUnavailableException}
 * at once; so does a connection attempt that fails for want of the database, which also
 * has the probe look at once. It keeps the connections it handed out, so that an outage
 * can abort them: a statement waiting on a silent network (no answer, no reset) would
 * otherwise wait until the network returns. Boot's pool metrics and {@code unwrap} see
 * through it to HikariCP.
 */
final class GuardedDataSource extends DelegatingDataSource {

	private final HikariDataSource pool;

	private final DatabaseAvailability availability;

	/**
	 * Handed out and maybe not closed yet; closed ones are dropped at the next borrow (a
	 * pool's worth at most).
	 */
	private final Set<Connection> inUse = ConcurrentHashMap.newKeySet();

	/**
	 * How many connections handed out were seen closed again: calls that got their
	 * answers (or an error).
	 */
	private final AtomicLong returned = new AtomicLong();

	/** The pool's own minimum of idle connections, kept while an outage sets it to 0. */
	private volatile int minimumIdle;

	GuardedDataSource(HikariDataSource pool, DatabaseAvailability availability) {
		super(pool);
		this.pool = pool;
		this.availability = availability;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return guarded(super::getConnection);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return guarded(() -> super.getConnection(username, password));
	}

	private Connection guarded(Borrow borrow) throws SQLException {
		if (!availability.available()) {
			throw availability.unavailable(null);
		}
		Connection connection;
		try {
			connection = borrow.connection();
		}
		catch (SQLException ex) {
			// Marked down while this borrow waited: it waited for the outage, not for a
			// busy pool.
			if (!ConnectionFailures.unreachable(ex) && availability.available()) {
				throw ex;
			}
			// This call is answered "unavailable"; whether the database is down is the
			// probe's to say, now. (HikariCP's cause may be older than this borrow: a
			// pool slow to refill after an outage is not a new one.)
			availability.suspect();
			throw availability.unavailable(ex);
		}
		returned();
		inUse.add(connection);
		if (!availability.available()) {
			// Marked down while this borrow ran: the outage's abort may have missed this
			// connection.
			inUse.remove(connection);
			evict(connection);
			throw availability.unavailable(null);
		}
		return connection;
	}

	/**
	 * How many connections handed out have come back so far. While it grows the database
	 * answers someone, whatever the probe's own connection does.
	 */
	long returned() {
		inUse.removeIf(this::cameBack);
		return returned.get();
	}

	private boolean cameBack(Connection connection) {
		if (closed(connection)) {
			returned.incrementAndGet();
			return true;
		}
		return false;
	}

	/**
	 * A connection of the pool itself, for the probe, which must reach the database while
	 * calls are refused; waited for {@code within} at most (calls wait the pool's
	 * connection timeout), so the probe's verdict comes in time.
	 */
	Connection probeConnection(Duration within) throws SQLException {
		if (pool.getHikariPoolMXBean() instanceof HikariPool running) {
			return running.getConnection(within.toMillis());
		}
		return pool.getConnection();
	}

	/**
	 * A new connection straight from the driver, opened as the pool opens its own but
	 * outside it: whether the database takes connections now, told at once (a refusal
	 * takes milliseconds), where a borrow would wait out the pool's connection timeout
	 * while it retries.
	 */
	Connection directConnection() throws SQLException {
		if (pool.getHikariPoolMXBean() instanceof HikariPool running) {
			return running.getUnwrappedDataSource().getConnection();
		}
		return pool.getConnection();
	}

	/**
	 * Closes a pooled connection for good instead of returning it; the caller must not
	 * close it after this (HikariCP would then log that it cannot return it).
	 */
	void evict(Connection connection) {
		pool.evictConnection(connection);
	}

	/**
	 * Stops the pool from keeping its idle connections topped up while the database is
	 * down. HikariCP would retry without end, each failure doubling its pause up to 5 s,
	 * so after a long outage the first connection could come seconds after the database:
	 * it now tries only while someone (the probe) waits for a connection, from 10 ms up.
	 */
	void pauseRefill() {
		int configured = pool.getMinimumIdle();
		if (configured > 0) {
			minimumIdle = configured;
		}
		pool.getHikariConfigMXBean().setMinimumIdle(0);
	}

	/** The pool keeps its idle connections topped up again, as configured. */
	void resumeRefill() {
		if (minimumIdle > 0) {
			pool.getHikariConfigMXBean().setMinimumIdle(minimumIdle);
		}
	}

	String poolName() {
		return pool.getPoolName();
	}

	/**
	 * Aborts every connection a call holds: its socket closes, so a statement waiting on
	 * it fails at once with a connection-class error (08006), which answers 503; HikariCP
	 * drops the connection. Returns how many.
	 */
	int abortInUse() {
		int aborted = 0;
		for (Connection connection : inUse) {
			inUse.remove(connection);
			try {
				if (!connection.isClosed()) {
					connection.abort(Runnable::run);
					aborted++;
				}
			}
			catch (SQLException ex) {
				// Already broken: nothing waits on it.
			}
		}
		return aborted;
	}

	private static boolean closed(Connection connection) {
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

	/** {@code getConnection} of the pool, with or without credentials. */
	@FunctionalInterface
	private interface Borrow {

		Connection connection() throws SQLException;

	}

}
