package studio.northwind.deskflow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The shutdown contract on the embedded H2 database, opened from its file once the server
 * has exited.
 */
class DeskFlowShutdownTests extends DeskFlowShutdownContract {

	@Override
	String databaseUrlLine() {
		return "";
	}

	@Override
	Connection openDatabase(Path project) throws SQLException {
		return DriverManager.getConnection(
				"jdbc:h2:" + project.resolve("storage/data/deskflow") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa",
				"");
	}

}
