package dev.moonlight.database;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures tell the client "the database is unavailable" (retry later): a refused
 * or failed connection, or one that broke under a statement; never a pool that is merely
 * busy.
 */
class ConnectionFailuresTests {

	@Test
	void aRefusedConnectionIsAnOutageHoweverSpringWrapsIt() {
		Throwable refused = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new DatabaseUnavailableException("Connection to 127.0.0.1:5432 refused", null));
		assertThat(ConnectionFailures.databaseUnavailable(refused)).isTrue();
	}

	@Test
	void aPoolTimeoutWhileTheDatabaseAnswersIsContentionNotAnOutage() {
		Throwable timeout = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));
		assertThat(ConnectionFailures.databaseUnavailable(timeout)).isFalse();
		assertThat(ConnectionFailures.poolExhausted(timeout)).isTrue();
	}

	@Test
	void aConnectionLostDuringAStatementIsAnOutageToo() {
		Throwable lost = new DataAccessResourceFailureException("PreparedStatementCallback",
				new SQLException("An I/O error occurred while sending to the backend.", "08006"));
		assertThat(ConnectionFailures.databaseUnavailable(lost)).isTrue();
		assertThat(ConnectionFailures.poolExhausted(lost)).isFalse();
	}

	@Test
	void aReadThatTimedOutIsNoAnswerAndAnErrorOrAResetIsOne() {
		Throwable silent = new SQLException("An I/O error occurred while sending to the backend.", "08006",
				new SocketTimeoutException("Read timed out"));
		Throwable reset = new SQLException("An I/O error occurred while sending to the backend.", "08006",
				new SocketException("Connection reset"));
		Throwable ended = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
		assertThat(ConnectionFailures.noAnswer(silent)).isTrue();
		assertThat(ConnectionFailures.noAnswer(reset)).isFalse();
		assertThat(ConnectionFailures.noAnswer(ended)).isFalse();
	}

	@Test
	void aStatementCancelledByItsTimeoutIsTold() {
		Throwable cancelled = new org.springframework.dao.QueryTimeoutException("PreparedStatementCallback",
				new SQLException("Statement was canceled or the session timed out", "57014"));
		assertThat(ConnectionFailures.statementTimedOut(cancelled)).isTrue();
		assertThat(ConnectionFailures.databaseUnavailable(cancelled)).isFalse();
	}

}
