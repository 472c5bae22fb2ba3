package dev.moonlight.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.NoSuchElementException;

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

	private volatile boolean closed;

	private boolean ahead;

	private boolean more;

	private int rowNum;

	private JdbcCursor(String sql, Connection connection, boolean autoCommit, boolean lazyH2,
			PreparedStatement statement, ResultSet rows, RowMapper<T> mapper) {
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
			for (int i = 0; i < args.size(); i++) {
				statement.setObject(i + 1, args.get(i));
			}
			ResultSet rows = statement.executeQuery();
			return new JdbcCursor<>(sql, connection, autoCommit, lazyH2, statement, rows, mapper);
		}
		catch (SQLException ex) {
			release(connection, statement, autoCommit, lazyH2);
			throw translate("JdbcCursor.open", sql, ex);
		}
		catch (RuntimeException ex) {
			release(connection, statement, autoCommit, lazyH2);
			throw ex;
		}
	}

	@Override
	public boolean hasNext() {
		if (!ahead) {
			try {
				more = !closed && rows.next();
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

	/** Cancels the running statement; safe from any thread, and after close. */
	@Override
	public void cancel() {
		if (closed) {
			return;
		}
		try {
			statement.cancel();
			if (postgres != null) {
				postgres.getClass().getMethod("cancelQuery").invoke(postgres);
			}
		}
		catch (SQLException | ReflectiveOperationException | RuntimeException ex) {
			// Closed meanwhile, or a driver that cannot: the worker closes it.
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
		if (closed) {
			return;
		}
		closed = true;
		try {
			rows.close();
		}
		catch (SQLException ex) {
			// The statement's close below releases it too.
		}
		release(connection, statement, autoCommit, lazyH2);
	}

	/** Closes what was opened and gives the connection back as it was lent. */
	private static void release(Connection connection, Statement statement, boolean autoCommit, boolean lazyH2) {
		if (statement != null) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				// Going anyway; the connection's rollback and close follow.
			}
		}
		if (connection == null) {
			return;
		}
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
			if (lazyH2) {
				try (Statement reset = connection.createStatement()) {
					reset.execute("SET LAZY_QUERY_EXECUTION FALSE");
				}
			}
		}
		catch (SQLException ex) {
			// A broken connection: the pool tests and replaces it.
		}
		finally {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// Nothing more to give back.
			}
		}
	}

	private static RuntimeException translate(String task, String sql, SQLException ex) {
		RuntimeException translated = TRANSLATOR.translate(task, sql, ex);
		return (translated != null) ? translated
				: new org.springframework.jdbc.UncategorizedSQLException(task, sql, ex);
	}

}
