package dev.moonlight.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import dev.moonlight.dispatch.Cursor;

/**
 * A query read row by row for a streamed answer, on a connection of its own: the rows
 * come from the database {@code fetchSize} at a time, never all at once. PostgreSQL keeps
 * a server-side cursor only inside a transaction, so the connection runs with autocommit
 * off (a read-only transaction, rolled back at the end); H2 runs the query lazily instead
 * of materialising it. {@link #cancel} stops a running statement from any thread;
 * {@link #close} gives the connection back to the pool, as it was.
 *
 * @param <T> the row type
 */
public final class JdbcCursor<T> implements Cursor<T> {

	private static final SQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

	private final String sql;

	private final Connection connection;

	private final boolean autoCommit;

	private final boolean lazyH2;

	private final PreparedStatement statement;

	private final ResultSet rows;

	private final RowMapper<T> mapper;

	/**
	 * pgjdbc's connection, whose {@code cancelQuery} stops a fetch: its
	 * {@code Statement.cancel} does nothing once the query has returned its first rows.
	 */
	private final Object postgres;

	private final DataSource dataSource;

	/** Guards {@link #state}: a cancel and the close never overlap. */
	private final Object lock = new Object();

	private volatile State state = State.OPEN;

	/**
	 * A cancel went to the database: the server may act on it later, on whatever the
	 * connection then runs, so the connection is evicted instead of given back.
	 */
	private boolean cancelSent;

	private boolean ahead;

	private boolean more;

	private int rowNum;

	private JdbcCursor(DataSource dataSource, String sql, Connection connection, boolean autoCommit, boolean lazyH2,
			PreparedStatement statement, ResultSet rows, RowMapper<T> mapper) {
		this.dataSource = dataSource;
		this.sql = sql;
		this.connection = connection;
		this.autoCommit = autoCommit;
		this.lazyH2 = lazyH2;
		this.statement = statement;
		this.rows = rows;
		this.mapper = mapper;
		this.postgres = postgres(connection);
	}

	/**
	 * Runs {@code sql} with {@code args} and opens its rows; call it on the worker that
	 * will read them.
	 * @param fetchSize the rows fetched from the database at a time
	 */
	public static <T> JdbcCursor<T> open(DataSource dataSource, String sql, List<?> args, RowMapper<T> mapper,
			int fetchSize) {
		return open(dataSource, sql, args, mapper, fetchSize, 0);
	}

	/**
	 * Runs {@code sql} with {@code args} and opens its rows; call it on the worker that
	 * will read them.
	 * @param fetchSize the rows fetched from the database at a time
	 * @param queryTimeoutSeconds the driver's timeout of each fetch, 0 for none
	 */
	public static <T> JdbcCursor<T> open(DataSource dataSource, String sql, List<?> args, RowMapper<T> mapper,
			int fetchSize, int queryTimeoutSeconds) {
		Connection connection = null;
		boolean autoCommit = true;
		boolean lazyH2 = false;
		PreparedStatement statement = null;
		try {
			connection = dataSource.getConnection();
			autoCommit = connection.getAutoCommit();
			lazyH2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
			if (lazyH2) {
				try (Statement set = connection.createStatement()) {
					set.execute("SET LAZY_QUERY_EXECUTION TRUE");
				}
			}
			connection.setAutoCommit(false);
			statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(fetchSize);
			if (queryTimeoutSeconds > 0) {
				statement.setQueryTimeout(queryTimeoutSeconds);
			}
			for (int i = 0; i < args.size(); i++) {
				statement.setObject(i + 1, args.get(i));
			}
			ResultSet rows = statement.executeQuery();
			return new JdbcCursor<>(dataSource, sql, connection, autoCommit, lazyH2, statement, rows, mapper);
		}
		catch (SQLException ex) {
			release(dataSource, connection, statement, autoCommit, lazyH2, false);
			throw translate("JdbcCursor.open", sql, ex);
		}
		catch (RuntimeException ex) {
			release(dataSource, connection, statement, autoCommit, lazyH2, false);
			throw ex;
		}
	}

	@Override
	public boolean hasNext() {
		if (!ahead) {
			try {
				more = state != State.CLOSED && rows.next();
			}
			catch (SQLException ex) {
				throw translate("JdbcCursor.next", sql, ex);
			}
			ahead = true;
		}
		return more;
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException("No more rows");
		}
		ahead = false;
		try {
			return mapper.mapRow(rows, rowNum++);
		}
		catch (SQLException ex) {
			throw translate("JdbcCursor.next", sql, ex);
		}
	}

	/**
	 * Cancels the running statement; safe from any thread, and after close. A cancel and
	 * {@link #close} hold one lock, so no cancel reaches a connection given back.
	 */
	@Override
	public void cancel() {
		synchronized (this.lock) {
			if (this.state != State.OPEN) {
				return;
			}
			this.state = State.CANCELLED;
			try {
				this.statement.cancel();
			}
			catch (SQLException | RuntimeException ex) {
				// A driver that cannot: the worker closes it.
			}
			if (this.postgres != null) {
				// Sent to the server on a connection of its own, which acts on it
				// whenever it gets there: this connection never goes back to the pool.
				this.cancelSent = true;
				try {
					this.postgres.getClass().getMethod("cancelQuery").invoke(this.postgres);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// The worker closes it, and evicts the connection.
				}
			}
		}
	}

	private static Object postgres(Connection connection) {
		try {
			Class<?> type = Class.forName("org.postgresql.PGConnection");
			return connection.isWrapperFor(type) ? connection.unwrap(type) : null;
		}
		catch (ClassNotFoundException | SQLException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		boolean evict;
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CLOSED;
			evict = this.cancelSent;
		}
		try {
			this.rows.close();
		}
		catch (SQLException ex) {
			// The statement's close below releases it too.
		}
		release(this.dataSource, this.connection, this.statement, this.autoCommit, this.lazyH2, evict);
	}

	/**
	 * Closes what was opened and gives the connection back as it was lent; evicts it from
	 * the pool instead when {@code evict} is set or any reset step fails.
	 */
	static void release(DataSource dataSource, Connection connection, Statement statement, boolean autoCommit,
			boolean lazyH2, boolean evict) {
		if (statement != null) {
			try {
				statement.close();
			}
			catch (SQLException | RuntimeException ex) {
				// Going anyway; the connection's rollback and close follow.
			}
		}
		if (connection == null) {
			return;
		}
		boolean broken = evict;
		if (!broken) {
			try {
				if (!connection.getAutoCommit()) {
					try {
						connection.rollback();
					}
					catch (SQLException | RuntimeException ex) {
						broken = true;
					}
					try {
						connection.setAutoCommit(autoCommit);
					}
					catch (SQLException | RuntimeException ex) {
						broken = true;
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				broken = true;
			}
			if (lazyH2) {
				try (Statement reset = connection.createStatement()) {
					reset.execute("SET LAZY_QUERY_EXECUTION FALSE");
				}
				catch (SQLException | RuntimeException ex) {
					broken = true;
				}
			}
		}
		if (broken) {
			evict(dataSource, connection);
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException | RuntimeException ex) {
			// Nothing more to give back.
		}
	}

	/**
	 * Takes the connection out of the pool for good: Hikari's evictConnection, or else
	 * the physical connection aborted before the pool's one is closed.
	 */
	private static void evict(DataSource dataSource, Connection connection) {
		try {
			if (dataSource != null && dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
				dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).evictConnection(connection);
				return;
			}
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			// Aborted below instead.
		}
		try {
			Connection physical = connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class)
					: connection;
			physical.abort(DIRECT);
		}
		catch (SQLException | RuntimeException ex) {
			// Closed below; the pool finds it broken.
		}
		try {
			connection.close();
		}
		catch (SQLException | RuntimeException ex) {
			// Nothing more to give back.
		}
	}

	private static final Executor DIRECT = Runnable::run;

	private enum State {

		OPEN, CANCELLED, CLOSED

	}

	private static RuntimeException translate(String task, String sql, SQLException ex) {
		RuntimeException translated = TRANSLATOR.translate(task, sql, ex);
		return (translated != null) ? translated
				: new org.springframework.jdbc.UncategorizedSQLException(task, sql, ex);
	}

}
