package dev.moonlight.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The H2 version the framework ships keeps a CHECK constraint working after the session
 * that created it has closed while the database stays open. H2 2.4.240 did not ("Check
 * constraint invalid"): after a reload, the old process's sessions (one of them had run
 * the migrations) closed, and the new process's task.create failed on every call against
 * an H2 server. 2.5.252 fixed it; this fails on a downgrade.
 */
class H2CheckConstraintTests {

	@TempDir
	Path dir;

	@Test
	void aCheckConstraintOutlivesTheSessionThatCreatedIt() throws SQLException {
		String url = "jdbc:h2:" + dir.resolve("check") + ";MODE=PostgreSQL";
		try (Connection keepsTheDatabaseOpen = DriverManager.getConnection(url, "sa", "")) {
			try (Connection migrating = DriverManager.getConnection(url, "sa", "");
					Statement statement = migrating.createStatement()) {
				statement.execute("CREATE TABLE tasks (id INT, status VARCHAR(20) NOT NULL DEFAULT 'open' "
						+ "CHECK (status IN ('open', 'done')))");
			}
			try (Connection serving = DriverManager.getConnection(url, "sa", "");
					Statement statement = serving.createStatement()) {
				assertThatCode(() -> statement.execute("INSERT INTO tasks (id) VALUES (1)")).doesNotThrowAnyException();
			}
		}
	}

}
