package studio.northwind.deskflow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import dev.moonlight.testing.ScratchPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bare-folder boot on the machine's PostgreSQL (a scratch database), reached through
 * DATABASE_URL alone.
 */
@Tag("postgres")
class DeskFlowBareFolderPostgresTests extends DeskFlowBareFolderContract {

	private ScratchPostgres database;

	@BeforeEach
	void createDatabase() {
		this.database = ScratchPostgres.create("deskflow_bare");
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Override
	void assertDatabaseUntouched(Path folder) throws SQLException {
		try (Connection connection = DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:5432/" + this.database.name(), "postgres", "");
				ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
			assertThat(tables.next()).as("no table in the database").isFalse();
		}
	}

	@Override
	Map<String, String> databaseEnvironment() {
		return Map.of("DATABASE_URL", this.database.databaseUrl());
	}

}
