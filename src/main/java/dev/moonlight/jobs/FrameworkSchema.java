package dev.moonlight.jobs;

import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import dev.moonlight.database.UnchangedMigrations;

/**
 * Moonlight's own tables ({@code classpath:db/moonlight}), migrated by a Flyway of their
 * own with the history table {@value #HISTORY_TABLE}: the application's migrations and
 * version numbers never interleave with the framework's, whatever either adds later. It
 * runs after the application's Flyway, which would otherwise refuse a schema that already
 * holds tables; on a database that predates it, it starts from a baseline (version 0) and
 * applies its own.
 */
public final class FrameworkSchema {

	static final String LOCATION = "classpath:db/moonlight";

	static final String HISTORY_TABLE = "moonlight_schema_history";

	private FrameworkSchema() {
	}

	/**
	 * Migrates with Flyway, or through {@code unchanged} when it may skip a run that has
	 * nothing to do.
	 */
	public static void migrate(DataSource dataSource, ClassLoader classLoader,
			Optional<UnchangedMigrations> unchanged) {
		Flyway flyway = Flyway.configure(classLoader)
			.dataSource(dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load();
		unchanged.ifPresentOrElse((shortcut) -> shortcut.migrate(flyway), flyway::migrate);
	}

}
