package studio.northwind.deskflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reload contract on an H2 server in this JVM; and an H2 database in memory, which no
 * new process can open, refused with the reason while the server serves on.
 */
class DeskFlowReloadTests extends DeskFlowReloadContract {

	private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	@TempDir
	Path databaseDir;

	private Server h2;

	@BeforeEach
	void startH2Server() throws SQLException {
		h2 = Server
			.createTcpServer("-tcpPort", Integer.toString(ServerProcess.freePort()), "-ifNotExists", "-baseDir",
					databaseDir.toString())
			.start();
	}

	@AfterEach
	void stopH2Server() {
		h2.stop();
	}

	@Test
	void reloadRefusesADatabaseInMemoryAndSaysWhatToDo() throws Exception {
		int port = ServerProcess.freePort();
		writeProject(port, "DATABASE_URL=jdbc:h2:mem:reload" + OPTIONS + ";DB_CLOSE_DELAY=-1\n");
		try (ServerProcess server = ServerProcess.startWithConfiguredRpc(DeskFlowApplication.class, project, port)) {
			server.awaitReady(Duration.ofSeconds(120));
			ServerProcess.Finished reload = ServerProcess.runCommand(DeskFlowApplication.class, project, Map.of(),
					Duration.ofSeconds(120), "reset");
			assertThat(reload.exitCode()).as(reload.output()).isOne();
			assertThat(reload.output()).contains("reload refused: Reload needs a database the new process can open",
					"in its memory", "stopserver, then runserver", "PostgreSQL");
			assertThat(server.log()).doesNotContain("Reload: started");
			RawHttp.Response ping = RawHttp.get(port, "/api/v1/ping");
			assertThat(ping.status()).as("the server serves on").isEqualTo(200);
		}
	}

	/**
	 * A container's main process would take the container down with it when it hands over
	 * and exits: the reload is refused with what to do instead.
	 */
	@Test
	void reloadRefusesAServerThatIsItsContainersMainProcess() throws Exception {
		int port = ServerProcess.freePort();
		writeProject(port, databaseUrlLine());
		try (ServerProcess server = ServerProcess.startAsPidOne(DeskFlowApplication.class, project, port)) {
			server.awaitReady(Duration.ofSeconds(120));
			ServerProcess.Finished reload = ServerProcess.runCommand(DeskFlowApplication.class, project, Map.of(),
					Duration.ofSeconds(120), "reload");
			assertThat(reload.exitCode()).as(reload.output()).isOne();
			assertThat(reload.output()).contains("container's main process (pid 1)", "Replace the container instead");
			assertThat(server.log()).doesNotContain("Reload: started");
			assertThat(RawHttp.get(port, "/api/v1/ping").status()).as("the server serves on").isEqualTo(200);
		}
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
