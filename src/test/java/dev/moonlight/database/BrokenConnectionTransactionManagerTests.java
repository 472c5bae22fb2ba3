package dev.moonlight.database;

import java.sql.SQLException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.moonlight.testing.ScratchPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A transaction whose connection breaks under a statement (here the server ends its own
 * session, as an outage or an administrator would) fails with that statement's error; the
 * rollback that cannot follow is neither logged as an ERROR nor thrown in its place
 * ("Connection is closed", which says nothing of the database).
 */
@Tag("postgres")
@ExtendWith(OutputCaptureExtension.class)
class BrokenConnectionTransactionManagerTests {

	@Test
	void aTransactionWhoseConnectionBrokeFailsWithTheStatementsErrorAndNoRollbackError(CapturedOutput output) {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_rollback");
				HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + database.name());
			pool.setUsername("postgres");
			pool.setMaximumPoolSize(2);
			TransactionTemplate transactions = new TransactionTemplate(new BrokenConnectionTransactionManager(pool));
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			Throwable failure = catchThrowable(() -> transactions.executeWithoutResult((status) -> {
				jdbc.queryForObject("SELECT 1", Integer.class);
				jdbc.queryForObject("SELECT pg_terminate_backend(pg_backend_pid())", Boolean.class);
			}));
			assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).as("the statement's own error")
				.isInstanceOfSatisfying(SQLException.class, (sql) -> assertThat(sql.getSQLState()).isEqualTo("57P01"));
			assertThat(output.getOut()).doesNotContain("overridden by rollback exception");
			assertThat(jdbc.queryForObject("SELECT 2", Integer.class)).as("the pool goes on").isEqualTo(2);
		}
	}

}
