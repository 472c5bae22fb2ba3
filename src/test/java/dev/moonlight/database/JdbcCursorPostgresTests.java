package dev.moonlight.database;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import dev.moonlight.testing.ScratchPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcCursor} on PostgreSQL: a server-side cursor read a fetch at a time (inside a
 * transaction, which pgjdbc needs for it), a cancel that stops the statement from another
 * thread, and the connection given back to the pool as it was lent.
 */
@Tag("postgres")
class JdbcCursorPostgresTests {

	@Test
	void rowsComeAFetchAtATimeAndTheConnectionGoesBackAsItWas() throws Exception {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_cursor");
				HikariDataSource pool = pool(database)) {
			try (JdbcCursor<Long> rows = JdbcCursor.open(pool, "SELECT g FROM generate_series(1, ?) g",
					List.of(50_000_000L), (rs, n) -> rs.getLong(1), 100)) {
				// Fifty million rows would not fit this test's heap: they come 100 at a
				// time.
				for (long expected = 1; expected <= 1000; expected++) {
					assertThat(rows.next()).isEqualTo(expected);
				}
				assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
			}
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
			try (Connection connection = pool.getConnection()) {
				assertThat(connection.getAutoCommit()).as("autocommit restored for the next borrower").isTrue();
			}
		}
	}

	@Test
	void aCancelFromAnotherThreadStopsARunningFetch() throws Exception {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_cursor");
				HikariDataSource pool = pool(database)) {
			// The first fetch (rows 1 and 2) is quick; the next one sleeps 30 s.
			JdbcCursor<Long> rows = JdbcCursor.open(pool,
					"SELECT g FROM generate_series(1, ?) g WHERE pg_sleep(CASE WHEN g > 2 THEN 30 ELSE 0 END) IS NOT NULL",
					List.of(1000L), (rs, n) -> rs.getLong(1), 2);
			assertThat(rows.next()).isEqualTo(1L);
			assertThat(rows.next()).isEqualTo(2L);
			CompletableFuture<Long> third = CompletableFuture.supplyAsync(rows::next);
			await(pool);
			rows.cancel();
			assertThatThrownBy(() -> third.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class);
			rows.close();
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
		}
	}

	@Test
	void aCancelAfterTheEndIsNotSentAndTheConnectionServesTheNextBorrower() throws Exception {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_cursor");
				HikariDataSource pool = pool(database, 1)) {
			int lent = backendPid(pool);
			JdbcCursor<Long> rows = JdbcCursor.open(pool, "SELECT g FROM generate_series(1, 3) g", List.of(),
					(rs, n) -> rs.getLong(1), 2);
			while (rows.hasNext()) {
				rows.next();
			}
			rows.close();
			// What ApiRoute's doFinally does to every stream, finished ones too.
			rows.cancel();
			try (Connection connection = pool.getConnection();
					var statement = connection.createStatement();
					var result = statement.executeQuery("SELECT pg_backend_pid(), pg_sleep(0.5) IS NOT NULL")) {
				result.next();
				assertThat(result.getInt(1)).as("the same connection, given back").isEqualTo(lent);
			}
		}
	}

	@Test
	void aCancelRacingTheCloseNeverReachesTheNextBorrower() throws Exception {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_cursor");
				HikariDataSource pool = pool(database, 1)) {
			for (int round = 0; round < 20; round++) {
				JdbcCursor<Long> rows = JdbcCursor.open(pool, "SELECT g FROM generate_series(1, 3) g", List.of(),
						(rs, n) -> rs.getLong(1), 2);
				while (rows.hasNext()) {
					rows.next();
				}
				CompletableFuture<Void> cancel = CompletableFuture.runAsync(rows::cancel);
				rows.close();
				cancel.get(20, TimeUnit.SECONDS);
				try (Connection connection = pool.getConnection();
						var statement = connection.createStatement();
						var result = statement.executeQuery("SELECT pg_sleep(0.05) IS NOT NULL")) {
					assertThat(result.next()).isTrue();
				}
			}
		}
	}

	@Test
	void aCancelMidStreamEvictsTheConnection() throws Exception {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_cursor");
				HikariDataSource pool = pool(database, 1)) {
			int lent = backendPid(pool);
			JdbcCursor<Long> rows = JdbcCursor.open(pool,
					"SELECT g FROM generate_series(1, ?) g WHERE pg_sleep(CASE WHEN g > 2 THEN 30 ELSE 0 END) IS NOT NULL",
					List.of(1000L), (rs, n) -> rs.getLong(1), 2);
			assertThat(rows.next()).isEqualTo(1L);
			rows.cancel();
			rows.close();
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
			// A cancel still on its way could only hit the evicted connection: the next
			// borrower has a new one, and its query runs to its end.
			try (Connection connection = pool.getConnection();
					var statement = connection.createStatement();
					var result = statement.executeQuery("SELECT pg_backend_pid(), pg_sleep(1) IS NOT NULL")) {
				result.next();
				assertThat(result.getInt(1)).as("a new connection").isNotEqualTo(lent);
			}
		}
	}

	private static int backendPid(HikariDataSource pool) throws Exception {
		try (Connection connection = pool.getConnection();
				var statement = connection.createStatement();
				var result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	/** Until the fetch runs in the database. */
	private static void await(HikariDataSource pool) throws Exception {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
			try (Connection connection = pool.getConnection();
					var statement = connection.createStatement();
					var result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
							+ " WHERE state = 'active' AND query LIKE '%pg_sleep(CASE%' AND pid <> pg_backend_pid()")) {
				result.next();
				return result.getInt(1) > 0;
			}
		});
	}

	private static HikariDataSource pool(ScratchPostgres database) {
		return pool(database, 2);
	}

	private static HikariDataSource pool(ScratchPostgres database, int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + database.name());
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(size);
		return pool;
	}

}
