package studio.northwind.deskflow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import dev.moonlight.testing.RunningApp;

/**
 * The DeskFlow contract on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth), in a database
 * of its own that is dropped afterwards. Part of the PostgreSQL suite ({@code ./mvnw test -Ppostgres}); it fails,
 * never skips, when PostgreSQL is not there.
 */
@Tag("postgres")
class DeskFlowPostgresTests extends DeskFlowApiContract {

	static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static String database;

	private static RunningApp app;

	@BeforeAll
	static void start() throws SQLException {
		database = "deskflow_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
		admin("CREATE DATABASE " + database);
		app = RunningApp.of(DeskFlowApplication.class).file("environment/settings.ini", ShippedConfig.settingsIni())
			.file(".rr.yaml", ShippedConfig.rrYaml())
			.property("DATABASE_URL=postgres://postgres@127.0.0.1:5432/" + database)
			.start();
	}

	@AfterAll
	static void stop() throws SQLException {
		if (app != null) {
			app.close();
		}
		admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}

	@Test
	void theSuiteReallyRunsOnPostgresql() throws SQLException {
		try (Connection connection = app.bean(DataSource.class).getConnection()) {
			org.assertj.core.api.Assertions.assertThat(connection.getMetaData().getDatabaseProductName())
				.as("DATABASE_URL selects PostgreSQL")
				.isEqualTo("PostgreSQL");
			org.assertj.core.api.Assertions.assertThat(connection.getCatalog()).isEqualTo(database);
		}
	}

	@Override
	RunningApp app() {
		return app;
	}

	static void admin(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
