package dev.moonlight.database;

import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Moonlight's own tables ({@code classpath:db/moonlight}), migrated by a Flyway of their
 * own with the history table {@value #HISTORY_TABLE}: the application's migrations and
 * version numbers never interleave with the framework's, whatever either adds later. It
 * runs after the application's Flyway, which would otherwise refuse a schema that already
 * holds tables; on a database that predates it, it starts from a baseline (version 0) and
 * applies its own. The job queue and the shared maintenance switch both need them.
 */
public final class FrameworkSchema {

	static final String LOCATION = "classpath:db/moonlight";

	static final String HISTORY_TABLE = "moonlight_schema_history";

	private FrameworkSchema() {
	}

	/**
	 * Migrates with Flyway, or through {@code unchanged} when it may skip a run that has
	 * nothing to do (then no Flyway object is built at all).
	 */
	public static void migrate(DataSource dataSource, ClassLoader classLoader,
			Optional<UnchangedMigrations> unchanged) {
		FluentConfiguration configuration = configuration(dataSource, classLoader);
		unchanged.ifPresentOrElse((shortcut) -> shortcut.migrate(configuration, configuration::load),
				() -> configuration.load().migrate());
	}

	static FluentConfiguration configuration(DataSource dataSource, ClassLoader classLoader) {
		return Flyway.configure(classLoader)
			.dataSource(dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0");
	}

}
