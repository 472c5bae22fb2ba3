package dev.moonlight.maintenance;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The maintenance switch as the row {@value #NAME} of {@code moonlight_switches} in the
 * shared PostgreSQL database (a framework migration creates the table): every instance on
 * the database reads it, so one {@code maintenance:on} against any of them (or against
 * the database when none runs) switches them all, and a restart keeps it. The row holds
 * what {@link MaintenanceSwitch#json} writes, the bypass token as its digest alone.
 */
public final class DatabaseMaintenanceSwitch implements MaintenanceStore {

	static final String NAME = "maintenance";

	/** Where messages say the switch is. */
	public static final String WHERE = "the database (table moonlight_switches)";

	private final JdbcClient jdbc;

	private final Clock clock;

	public DatabaseMaintenanceSwitch(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	@Override
	public void turnOn(String message, Long retryAfterSeconds, String bypassToken) throws IOException {
		String json = MaintenanceSwitch.json(message, retryAfterSeconds, bypassToken);
		try {
			write(json);
		}
		catch (DataAccessException ex) {
			throw unreachable(ex);
		}
	}

	private void write(String json) {
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.sql("UPDATE moonlight_switches SET content = :content, updated_at = :now WHERE name = :name")
			.param("content", json)
			.param("now", now)
			.param("name", NAME)
			.update();
		if (updated == 0) {
			try {
				jdbc.sql("INSERT INTO moonlight_switches (name, content, updated_at) VALUES (:name, :content, :now)")
					.param("name", NAME)
					.param("content", json)
					.param("now", now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another instance switched it on meanwhile; ours is the later word.
				write(json);
			}
		}
	}

	@Override
	public boolean turnOff() throws IOException {
		try {
			return jdbc.sql("DELETE FROM moonlight_switches WHERE name = :name").param("name", NAME).update() > 0;
		}
		catch (DataAccessException ex) {
			throw unreachable(ex);
		}
	}

	@Override
	public String text() throws IOException {
		try {
			return jdbc.sql("SELECT content FROM moonlight_switches WHERE name = :name")
				.param("name", NAME)
				.query(String.class)
				.optional()
				.orElse(null);
		}
		catch (DataAccessException ex) {
			throw unreachable(ex);
		}
	}

	@Override
	public String where() {
		return WHERE;
	}

	private static IOException unreachable(DataAccessException ex) {
		Throwable cause = ex.getMostSpecificCause();
		return new IOException("cannot reach the maintenance switch in the database: "
				+ ((cause.getMessage() != null) ? cause.getMessage() : cause.toString()), ex);
	}

}
