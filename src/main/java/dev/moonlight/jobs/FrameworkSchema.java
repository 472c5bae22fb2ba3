package dev.moonlight.jobs;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Moonlight's own tables ({@code classpath:db/moonlight}), migrated by a Flyway of their own with the history table
 * {@value #HISTORY_TABLE}: the application's migrations and version numbers never interleave with the framework's,
 * whatever either adds later. It runs after the application's Flyway, which would otherwise refuse a schema that
 * already holds tables; on a database that predates it, it starts from a baseline (version 0) and applies its own.
 */
final class FrameworkSchema {

	static final String LOCATION = "classpath:db/moonlight";

	static final String HISTORY_TABLE = "moonlight_schema_history";

	private FrameworkSchema() {
	}

	static void migrate(DataSource dataSource, ClassLoader classLoader) {
		Flyway.configure(classLoader)
			.dataSource(dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
	}

}
