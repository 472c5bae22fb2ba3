package studio.northwind.deskflow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testing.ServerProcess;

/**
 * The reload contract on an H2 server in this JVM (the embedded H2 file cannot be opened by two processes; reload
 * refuses it, see {@code ReloadRefusalTests}).
 */
class DeskFlowReloadTests extends DeskFlowReloadContract {

	private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	@TempDir
	Path databaseDir;

	private Server h2;

	@BeforeEach
	void startH2Server() throws SQLException {
		h2 = Server.createTcpServer("-tcpPort", Integer.toString(ServerProcess.freePort()), "-ifNotExists", "-baseDir",
				databaseDir.toString()).start();
	}

	@AfterEach
	void stopH2Server() {
		h2.stop();
	}

	private String url() {
		return "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/deskflow" + OPTIONS;
	}

	@Override
	String databaseUrlLine() {
		return "DATABASE_URL=" + url() + "\n";
	}

	@Override
	Connection openDatabase() throws SQLException {
		return DriverManager.getConnection(url(), "sa", "");
	}

}
