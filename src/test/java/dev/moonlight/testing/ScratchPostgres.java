package dev.moonlight.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust
 * auth), created for one test class and dropped afterwards, so the PostgreSQL suite
 * leaves the server as it found it.
 */
public record ScratchPostgres(String name) implements AutoCloseable {

	private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	public static ScratchPostgres create(String prefix) {
		String name = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
		admin("CREATE DATABASE " + name);
		return new ScratchPostgres(name);
	}

	/**
	 * The {@code DATABASE_URL} that points Moonlight at this database, in the postgres://
	 * form.
	 */
	public String databaseUrl() {
		return "postgres://postgres@127.0.0.1:5432/" + name;
	}

	/**
	 * The JDBC URL of this database, for a test's own look (user postgres, no password).
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
	}

	/**
	 * Makes the database refuse new connections and ends the open ones, as if its server
	 * went away.
	 */
	public void refuseConnections() {
		admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
		endConnections();
	}

	/**
	 * Ends every open connection to the database (as an administrator or an idle timeout
	 * may); new ones are welcome.
	 */
	public void endConnections() {
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
	}

	@Override
	public void close() {
		admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	private static void admin(String sql) {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 refused: " + sql, ex);
		}
	}

}
