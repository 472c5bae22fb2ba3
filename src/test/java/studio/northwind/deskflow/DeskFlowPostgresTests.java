package studio.northwind.deskflow;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;

/**
 * The DeskFlow contract on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust
 * auth), in a database of its own that is dropped afterwards. Part of the PostgreSQL
 * suite ({@code ./mvnw test -Ppostgres}); it fails, never skips, when PostgreSQL is not
 * there.
 */
@Tag("postgres")
class DeskFlowPostgresTests extends DeskFlowApiContract
		implements DeskFlowSecurityContract, DeskFlowJobsContract, DeskFlowIdempotencyContract {

	private static ScratchPostgres database;

	private static RunningApp app;

	@BeforeAll
	static void start() {
		database = ScratchPostgres.create("deskflow_test");
		app = ShippedConfig.deskflow().property("DATABASE_URL=" + database.databaseUrl()).start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		database.close();
	}

	@Test
	void theSuiteReallyRunsOnPostgresql() throws SQLException {
		try (Connection connection = app.bean(DataSource.class).getConnection()) {
			org.assertj.core.api.Assertions.assertThat(connection.getMetaData().getDatabaseProductName())
				.as("DATABASE_URL selects PostgreSQL")
				.isEqualTo("PostgreSQL");
			org.assertj.core.api.Assertions.assertThat(connection.getCatalog()).isEqualTo(database.name());
		}
	}

	@Override
	public RunningApp app() {
		return app;
	}

}
