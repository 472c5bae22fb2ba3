package dev.moonlight.database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mend of an embedded H2 file left open by a process that is gone: its secondary index maps are dropped before H2
 * opens it, and H2 builds them again from the tables; a file a live process has open, and a clean stop, are left as
 * they are. On real H2 files.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedH2RecoveryTests {

	@TempDir
	Path dir;

	@Test
	void aFileLeftOpenByAGoneProcessHasItsIndexesBuiltAgainFromItsTables(CapturedOutput output) throws Exception {
		String url = createJobs();
		EmbeddedH2Recovery recovery = EmbeddedH2Recovery.of(url).orElseThrow();
		Files.writeString(recovery.marker(), goneProcess() + " 0\n");
		recovery.beforeOpen();
		assertThat(indexMaps()).as("dropped before H2 opens the file").isZero();
		assertThat(output.getOut()).contains("was not closed by the process that had it open")
			.contains("its 2 secondary indexes are built again from their tables");
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			assertThat(count(connection, "SELECT COUNT(*) FROM jobs WHERE status = 'queued'"))
				.as("through the index H2 built again").isEqualTo(100);
			assertThat(plan(connection, "SELECT COUNT(*) FROM jobs WHERE status = 'queued'"))
				.contains("jobs_status_idx");
			assertThat(count(connection, "SELECT COUNT(*) FROM jobs WHERE id = 'j7'")).isEqualTo(1);
		}
		assertThat(indexMaps()).as("built again as H2 opened it").isEqualTo(2);
		assertThat(Files.readString(recovery.marker())).startsWith(ProcessHandle.current().pid() + " ");
		recovery.afterClose();
		assertThat(recovery.marker()).doesNotExist();
	}

	@Test
	void aFileALiveProcessHasOpenIsLeftAlone(CapturedOutput output) throws Exception {
		String url = createJobs();
		EmbeddedH2Recovery recovery = EmbeddedH2Recovery.of(url).orElseThrow();
		String live = EmbeddedH2Recovery.Owner.current().line();
		Files.writeString(recovery.marker(), live);
		recovery.beforeOpen();
		assertThat(indexMaps()).isEqualTo(2);
		assertThat(output.getOut()).doesNotContain("was not closed");
		recovery.afterClose();
		assertThat(Files.readString(recovery.marker(), StandardCharsets.UTF_8)).as("not this one's mark to remove")
			.isEqualTo(live);
	}

	@Test
	void aCleanStopLeavesNoMarkAndTheNextStartMendsNothing(CapturedOutput output) throws Exception {
		String url = createJobs();
		EmbeddedH2Recovery first = EmbeddedH2Recovery.of(url).orElseThrow();
		first.beforeOpen();
		assertThat(first.marker()).exists();
		first.afterClose();
		assertThat(first.marker()).doesNotExist();
		EmbeddedH2Recovery.of(url).orElseThrow().beforeOpen();
		assertThat(indexMaps()).isEqualTo(2);
		assertThat(output.getOut()).doesNotContain("was not closed");
	}

	@Test
	void onlyAnH2FileIsMended() {
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:tcp://127.0.0.1:9092/~/x")).isEmpty();
		assertThat(EmbeddedH2Recovery.of("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:split:/tmp/x")).isEmpty();
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:file:/srv/data/deskflow;MODE=PostgreSQL").orElseThrow().marker())
			.isEqualTo(Path.of("/srv/data/deskflow.moonlight-open"));
		assertThat(EmbeddedH2Recovery.of("jdbc:h2:/srv/data/deskflow;WRITE_DELAY=0").orElseThrow().marker())
			.isEqualTo(Path.of("/srv/data/deskflow.moonlight-open"));
	}

	/** A table with a primary key on text and a secondary index, 100 rows, closed cleanly. */
	private String createJobs() throws SQLException {
		String url = "jdbc:h2:file:" + dir.resolve("data/db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE jobs (id VARCHAR(36) PRIMARY KEY, status VARCHAR(10) NOT NULL)");
			statement.execute("CREATE INDEX jobs_status_idx ON jobs (status)");
			for (int n = 1; n <= 100; n++) {
				statement.execute("INSERT INTO jobs VALUES ('j" + n + "', 'queued')");
			}
		}
		return url;
	}

	private int indexMaps() {
		MVStore store = new MVStore.Builder().fileName(dir.resolve("data/db.mv.db").toString()).readOnly().open();
		try {
			return (int) store.getMapNames().stream().filter((name) -> name.startsWith("index.")).count();
		}
		finally {
			store.close();
		}
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
