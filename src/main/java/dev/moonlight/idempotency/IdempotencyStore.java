package dev.moonlight.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code moonlight_idempotency} table. Every statement runs on the connection of the
 * transaction the calling thread is in, if any ({@link JdbcClient} joins it), so a key's
 * row commits with the action's writes.
 */
final class IdempotencyStore {

	/** A stored answer: its request's digest, its HTTP status and its envelope. */
	record Stored(String requestHash, int status, String envelope) {
	}

	private final JdbcClient jdbc;

	private final boolean postgres;

	IdempotencyStore(JdbcClient jdbc, boolean postgres) {
		this.jdbc = jdbc;
		this.postgres = postgres;
	}

	/** The answer of a key that has not expired; committed rows only. */
	Optional<Stored> find(String id, Instant now) {
		return jdbc
			.sql("SELECT request_hash, status, envelope FROM moonlight_idempotency"
					+ " WHERE id = :id AND expires_at > :now AND status IS NOT NULL")
			.param("id", id)
			.param("now", time(now))
			.query((rs, row) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
			.optional();
	}

	/**
	 * Inserts the key's row, answerless, in the current transaction: while it is not
	 * committed, a second insert of the same key waits for this transaction to end, at
	 * most {@code wait}, then fails if it committed. An expired row of the key is deleted
	 * first.
	 */
	void claim(String id, String action, String requestHash, Instant now, Instant expires, Duration wait) {
		String waitMillis = Long.toString(Math.max(1, wait.toMillis()));
		if (postgres) {
			// Bounds the insert's wait for a running call with the same key, for this
			// transaction only, reading the value in force (a session's own included).
			String previous = jdbc
				.sql("SELECT current_setting('lock_timeout'), set_config('lock_timeout', :wait, true)")
				.param("wait", waitMillis + "ms")
				.query((rs, row) -> rs.getString(1))
				.single();
			insert(id, action, requestHash, now, expires);
			// The action's own statements wait as they did before the claim.
			jdbc.sql("SELECT set_config('lock_timeout', :previous, true)")
				.param("previous", previous)
				.query(String.class)
				.single();
			return;
		}
		// H2's lock timeout belongs to the session (the pooled connection), not the
		// transaction, and SET LOCK_TIMEOUT neither commits nor rolls back: set for
		// the insert, then put back whatever happened, so the action and the next user
		// of the connection wait as before.
		int previous = jdbc.sql("SELECT LOCK_TIMEOUT()").query(Integer.class).single();
		jdbc.sql("SET LOCK_TIMEOUT " + waitMillis).update();
		try {
			insert(id, action, requestHash, now, expires);
		}
		finally {
			jdbc.sql("SET LOCK_TIMEOUT " + previous).update();
		}
	}

	private void insert(String id, String action, String requestHash, Instant now, Instant expires) {
		jdbc.sql("DELETE FROM moonlight_idempotency WHERE id = :id AND expires_at <= :now")
			.param("id", id)
			.param("now", time(now))
			.update();
		jdbc.sql("INSERT INTO moonlight_idempotency (id, action, request_hash, created_at, expires_at)"
				+ " VALUES (:id, :action, :hash, :now, :expires)")
			.param("id", id)
			.param("action", action)
			.param("hash", requestHash)
			.param("now", time(now))
			.param("expires", time(expires))
			.update();
	}

	/** Keeps the answer on the claimed row. */
	void complete(String id, int status, String envelope) {
		jdbc.sql("UPDATE moonlight_idempotency SET status = :status, envelope = :envelope WHERE id = :id")
			.param("status", status)
			.param("envelope", envelope)
			.param("id", id)
			.update();
	}

	/**
	 * Deletes up to {@code batch} rows that expired before {@code now}.
	 * @return how many it deleted
	 */
	int purge(Instant now, int batch) {
		// PostgreSQL has no DELETE ... FETCH FIRST; rows another instance is deleting are
		// skipped, not waited for. H2's IN over a subquery is slow on a large table.
		String sql = postgres
				? "DELETE FROM moonlight_idempotency WHERE id IN (SELECT id FROM moonlight_idempotency"
						+ " WHERE expires_at <= :now LIMIT " + batch + " FOR UPDATE SKIP LOCKED)"
				: "DELETE FROM moonlight_idempotency WHERE expires_at <= :now FETCH FIRST " + batch + " ROWS ONLY";
		return jdbc.sql(sql).param("now", time(now)).update();
	}

	/**
	 * In the columns' precision: a value the database rounds up would outlive the instant
	 * it is compared with.
	 */
	private static OffsetDateTime time(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}

}
