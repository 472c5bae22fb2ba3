package studio.northwind.deskflow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import dev.moonlight.testing.ScratchPostgres;

/** The reload contract on the machine's PostgreSQL, in a scratch database. */
@Tag("postgres")
class DeskFlowReloadPostgresTests extends DeskFlowReloadContract {

	private ScratchPostgres database;

	@BeforeEach
	void createDatabase() {
		database = ScratchPostgres.create("deskflow_reload");
	}

	@AfterEach
	void dropDatabase() {
		database.close();
	}

	@Override
	String databaseUrlLine() {
		return "DATABASE_URL=" + database.databaseUrl() + "\n";
	}

	@Override
	Connection openDatabase() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database.name(), "postgres", "");
	}

}
