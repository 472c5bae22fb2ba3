package dev.moonlight.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

/**
 * A {@link GroupCommit} write that is one SQL statement. The writes of a batch that share
 * a statement's text go to the database as one JDBC batch (one round trip on PostgreSQL,
 * where one each would leave the writer waiting for every answer in turn), and the rows
 * the statement returns are handed back in order, one a write.
 *
 * @param sql the statement, the same text for every write that may share a batch
 * @param returned the columns the statement hands back (an insert's generated id and
 * defaults), or none
 * @param values binds one write's values
 * @param row reads the returned row into the write's result; unused when nothing is
 * returned (the result is then {@code null})
 */
public record WriteStatement<T>(String sql, List<String> returned, PreparedStatementSetter values, RowMapper<T> row) {

	public WriteStatement {
		returned = List.copyOf(returned);
	}

	/**
	 * Whether another write may join this one's JDBC batch: the same statement, handing
	 * back the same columns.
	 */
	boolean batchesWith(WriteStatement<?> other) {
		return sql.equals(other.sql) && returned.equals(other.returned);
	}

	/**
	 * @param timeoutSeconds the statement's query timeout, 0 for none (the connection's
	 * own, if it has one)
	 */
	PreparedStatement prepare(Connection connection, int timeoutSeconds) throws SQLException {
		PreparedStatement statement = returned.isEmpty() ? connection.prepareStatement(sql)
				: connection.prepareStatement(sql, returned.toArray(String[]::new));
		if (timeoutSeconds > 0) {
			statement.setQueryTimeout(timeoutSeconds);
		}
		return statement;
	}

	/** The write alone: its own execution and its returned row. */
	T execute(Connection connection, int timeoutSeconds) throws SQLException {
		try (PreparedStatement statement = prepare(connection, timeoutSeconds)) {
			values.setValues(statement);
			statement.executeUpdate();
			if (returned.isEmpty()) {
				return null;
			}
			try (ResultSet keys = statement.getGeneratedKeys()) {
				return next(keys, 1);
			}
		}
	}

	/** The returned row of the {@code number}th write (from 1) of an execution. */
	T next(ResultSet keys, int number) throws SQLException {
		if (!keys.next()) {
			throw new SQLException("The statement handed back " + (number - 1) + " row(s) for more writes: " + sql);
		}
		return row.mapRow(keys, number);
	}

}
