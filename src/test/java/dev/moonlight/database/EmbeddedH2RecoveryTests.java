package dev.moonlight.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild of an embedded H2 file's indexes when a process that had it open is gone:
 * each {@code CREATE INDEX} is built again from its table, constraints (an integer
 * primary key added to a table that held rows among them) are kept as they are, an
 * interrupted rebuild is finished, and a file only live processes marked is left alone.
 * On real H2 files. ({@code EmbeddedDatabaseCrashTests} kills a server and checks its
 * next start.)
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedH2RecoveryTests {

	@TempDir
	Path dir;

	@Test
	void aFileMarkedByAGoneProcessHasItsIndexesBuiltAgainFromItsTables(CapturedOutput output) throws Exception {
		DriverManagerDataSource database = createJobs();
		EmbeddedH2Recovery recovery = recovery(database);
		Path gone = dir.resolve("data/db.moonlight-open." + goneProcess());
		Files.writeString(gone, "1 0\n");
		List<String> before = script(database);
		recovery.open(database);
		assertThat(output.getOut()).contains("was not closed by the process that had it open (pid ")
			.contains("its 2 indexes were built again from their tables");
		assertThat(script(database)).as("the same schema, indexes and constraints")
			.containsExactlyInAnyOrderElementsOf(before);
		try (Connection connection = database.getConnection()) {
			assertThat(count(connection, "SELECT COUNT(*) FROM jobs WHERE status = 'queued'")).isEqualTo(100);
			assertThat(plan(connection, "SELECT COUNT(*) FROM jobs WHERE status = 'queued'"))
				.contains("jobs_status_idx");
			assertThat(count(connection, "SELECT COUNT(*) FROM jobs WHERE seq = 7 AND id = 'j7'"))
				.as("the integer primary key added after the rows still finds its row")
				.isEqualTo(1);
		}
		assertThat(gone).as("done with").doesNotExist();
		assertThat(recovery.ownMark()).exists();
		recovery.closed();
		assertThat(recovery.ownMark()).doesNotExist();
	}

	/**
	 * A mark that cannot be read (a crash while it was written) names no live process.
	 */
	@Test
	void anUnreadableMarkCountsAsAGoneProcess(CapturedOutput output) throws Exception {
		DriverManagerDataSource database = createJobs();
		Path torn = dir.resolve("data/db.moonlight-open.123");
		Files.writeString(torn, "12");
		recovery(database).open(database);
		assertThat(output.getOut()).contains("(pid 123: killed, or its JVM crashed); its 2 indexes were built again");
		assertThat(torn).doesNotExist();
	}

	/**
	 * A copy left by a rebuild a crash cut short: dropped beside its index, or put in its
	 * place when that is gone.
	 */
	@Test
	void anInterruptedRebuildIsFinished() throws Exception {
		DriverManagerDataSource database = createJobs();
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE INDEX \"jobs_status_idx__moonlight_rebuilt\" ON jobs (status)");
			statement.execute("CREATE INDEX \"jobs_seq_idx__moonlight_rebuilt\" ON jobs (seq)");
			statement.execute("DROP INDEX jobs_seq_idx");
			assertThat(EmbeddedH2Recovery.rebuildIndexes(connection)).as("both indexes, once each").isEqualTo(2);
		}
		assertThat(script(database)).filteredOn((line) -> line.contains("INDEX"))
			.anySatisfy((line) -> assertThat(line).contains("\"jobs_status_idx\""))
			.anySatisfy((line) -> assertThat(line).contains("\"jobs_seq_idx\""))
			.noneSatisfy((line) -> assertThat(line).contains("moonlight_rebuilt"));
	}

	@Test
	void aFileMarkedOnlyByLiveProcessesIsLeftAlone(CapturedOutput output) throws Exception {
		DriverManagerDataSource database = createJobs();
		ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
		Path live = dir.resolve("data/db.moonlight-open." + parent.pid());
		Files.writeString(live,
				new EmbeddedH2Recovery.Owner(parent.pid(), parent.info().startInstant().orElseThrow().toEpochMilli())
					.line());
		EmbeddedH2Recovery recovery = recovery(database);
		recovery.open(database);
		assertThat(output.getOut()).doesNotContain("was not closed");
		assertThat(live).as("another process's mark").exists();
		assertThat(recovery.ownMark()).as("this one's, beside it").exists();
	}

	@Test
	void onlyAnH2FileIsRebuilt() {
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:tcp://127.0.0.1:9092/~/x")).isEmpty();
		assertThat(EmbeddedH2Recovery.of("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:split:/tmp/x")).isEmpty();
		String pid = Long.toString(ProcessHandle.current().pid());
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:file:/srv/data/deskflow;MODE=PostgreSQL").orElseThrow().ownMark())
			.isEqualTo(Path.of("/srv/data/deskflow.moonlight-open." + pid));
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:/srv/data/deskflow;WRITE_DELAY=0").orElseThrow().ownMark())
			.isEqualTo(Path.of("/srv/data/deskflow.moonlight-open." + pid));
	}

	/**
	 * A table with a text primary key, a secondary index, and an integer primary key
	 * added to another table after its rows (H2 keeps that one in a map of its own,
	 * unlike a key made with its table); 100 rows.
	 */
	private DriverManagerDataSource createJobs() throws SQLException {
		DriverManagerDataSource database = new DriverManagerDataSource(
				"jdbc:h2:file:" + dir.resolve("data/db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(
					"CREATE TABLE jobs (id VARCHAR(36) NOT NULL, seq INT NOT NULL," + " status VARCHAR(10) NOT NULL)");
			statement.execute("CREATE INDEX jobs_status_idx ON jobs (status)");
			statement.execute("CREATE INDEX jobs_seq_idx ON jobs (seq)");
			for (int n = 1; n <= 100; n++) {
				statement.execute("INSERT INTO jobs VALUES ('j" + n + "', " + n + ", 'queued')");
			}
			statement.execute("DELETE FROM jobs WHERE seq = 1");
			statement.execute("INSERT INTO jobs VALUES ('j1', 1, 'queued')");
			statement.execute("ALTER TABLE jobs ADD CONSTRAINT jobs_pk PRIMARY KEY (seq)");
		}
		return database;
	}

	private EmbeddedH2Recovery recovery(DriverManagerDataSource database) {
		return EmbeddedH2Recovery.of(database.getUrl()).orElseThrow();
	}

	private static List<String> script(DriverManagerDataSource database) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
			while (rows.next()) {
				lines.add(rows.getString(1));
			}
		}
		return lines;
	}

	private static long goneProcess() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor();
		return process.pid();
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String plan(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
