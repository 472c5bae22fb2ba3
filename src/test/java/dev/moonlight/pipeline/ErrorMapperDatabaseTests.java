package dev.moonlight.pipeline;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import dev.moonlight.logging.Redactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool that gives no connection in time while the database answers is 503 busy; a
 * connection lost in the middle of a statement is 503 "The database is unavailable.";
 * other SQL errors stay 500. The database known to be down ("The database is
 * unavailable.") is DatabaseOutageTests', over the wire.
 */
class ErrorMapperDatabaseTests {

	private final ErrorMapper mapper = new ErrorMapper(false, new Redactor(List.of(), "***"));

	@Test
	void hikarisTimeoutWhileTheDatabaseAnswersIsBusyNotUnavailable() {
		SQLException timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
		Reply reply = mapper.map(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timeout),
				"notes.list", null);
		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.envelope().returnMessage()).isEqualTo(ErrorMapper.SERVER_BUSY);
		assertThat(reply.headers()).containsEntry("Retry-After", "1");
	}

	@Test
	void aConnectionLostMidStatementIs503Unavailable() {
		Reply reply = mapper.map(new RuntimeException(new SQLException("An I/O error occurred", "08006")), "notes.list",
				null);
		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.envelope().returnMessage()).isEqualTo("The database is unavailable.");
	}

	@Test
	void otherSqlErrorsStay500() {
		Reply reply = mapper.map(new RuntimeException(new SQLException("syntax error", "42601")), "notes.list", null);
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.envelope().returnMessage()).isEqualTo(ErrorMapper.UNEXPECTED);
	}

}
