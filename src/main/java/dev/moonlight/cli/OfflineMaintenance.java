package dev.moonlight.cli;

import java.time.Clock;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.moonlight.config.CliOverrides;
import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.maintenance.DatabaseMaintenanceSwitch;
import dev.moonlight.maintenance.MaintenanceStore;
import dev.moonlight.maintenance.MaintenanceSwitch;

/**
 * The maintenance switch {@code maintenance:on|off} throws when no server answers: the
 * one a server of the project would read, so there is one switch per project. On
 * PostgreSQL that is the shared database's row (every instance on it sees it at once, and
 * a server started later starts in maintenance); on the embedded H2, the file.
 */
final class OfflineMaintenance {

	private OfflineMaintenance() {
	}

	/**
	 * @throws dev.moonlight.config.ConfigException when the project's configuration does
	 * not load
	 */
	static MaintenanceStore store(ProjectFolder project) {
		DatabaseSettings database = MoonlightConfigLoader
			.load(project.dir(), project.application(), ProjectFolder.environment(), CliOverrides.none(), (notice) -> {
			})
			.database();
		if (database.kind() != DatabaseSettings.Kind.POSTGRESQL) {
			return new MaintenanceSwitch(project.dir(), project.storage());
		}
		DriverManagerDataSource connections = new DriverManagerDataSource(database.jdbcUrl());
		connections.setConnectionProperties(database.credentials());
		// The table is the framework's migration's, which only a server runs (after the
		// application's own): a database no server ran on yet answers that it is missing.
		return new DatabaseMaintenanceSwitch(connections, Clock.systemUTC());
	}

	/** Where the command says it wrote: a path relative to the project, or the table. */
	static String where(ProjectFolder project, MaintenanceStore store) {
		return (store instanceof MaintenanceSwitch file) ? project.show(file.path()) : store.where();
	}

}
