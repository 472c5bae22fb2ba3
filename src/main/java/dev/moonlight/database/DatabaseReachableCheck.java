package dev.moonlight.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.SettingsCheck;

/**
 * Opens and closes one connection to a database server before any bean exists, so a
 * database that cannot be reached at boot stops it with one paragraph
 * ({@link UnreachableDatabaseAtBoot}) instead of the long chain of bean failures Flyway's
 * first connection would end in. The embedded H2 file needs no check; a boot that does
 * not migrate ({@code spring.flyway.enabled=false}, as the catalog command boots) serves
 * without the database and skips it.
 */
public final class DatabaseReachableCheck implements SettingsCheck {

	/**
	 * Seconds pgjdbc waits for the TCP connection and the login, as the pool's
	 * connections do.
	 */
	static final String TIMEOUT_SECONDS = "3";

	/**
	 * Whether the boot migrates: {@code spring.flyway.enabled} read leniently, before
	 * Spring converts it, so a bad value is reported where Spring binds it.
	 */
	static boolean migrates(Function<String, String> environment) {
		return !"false".equalsIgnoreCase(environment.apply("spring.flyway.enabled"));
	}

	@Override
	public void check(MoonlightSettings settings, Function<String, String> environment) {
		DatabaseSettings database = settings.database();
		if (!migrates(environment) || !isServer(database)) {
			return;
		}
		Properties properties = database.credentials();
		properties.setProperty("connectTimeout", TIMEOUT_SECONDS);
		properties.setProperty("loginTimeout", TIMEOUT_SECONDS);
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties)) {
			// Reached, and the login was accepted: the pool and Flyway take it from here.
		}
		catch (SQLException ex) {
			throw new UnreachableDatabaseAtBoot(database, ex);
		}
	}

	private static boolean isServer(DatabaseSettings database) {
		return database.kind() == DatabaseSettings.Kind.POSTGRESQL || database.jdbcUrl().startsWith("jdbc:h2:tcp:")
				|| database.jdbcUrl().startsWith("jdbc:h2:ssl:");
	}

}
