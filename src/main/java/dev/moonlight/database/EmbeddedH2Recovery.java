package dev.moonlight.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an embedded H2 database's indexes after a process that had it open stopped
 * without closing it (kill -9, a crash of the JVM). When H2 opens such a file it rolls
 * back the transactions that were open; H2 2.5.252 can leave a secondary index out of
 * step with its table in that recovery (found by {@code reliability/run.sh}: jobs whose
 * claim was in flight read {@code queued} from the table but {@code running} from the
 * claim index, so no consumer saw them). The table is right, so each index made by
 * {@code CREATE INDEX} is built again from it, with H2's own SQL: a copy is created, the
 * old one dropped and the copy renamed. Indexes that back a constraint (primary keys,
 * {@code UNIQUE} constraints) are left as they are.
 * <p>
 * Each process that opens the file marks it ({@code <name>.moonlight-open.<pid>}, beside
 * it) and removes its mark after its pool (and so its database) closed. A mark found at
 * boot whose process is gone means an unclean stop. A mark can outlive a clean stop (a
 * second application context in the same JVM still had the file open, or another process
 * served it): then indexes are rebuilt that did not need it, which costs time, never
 * data.
 */
final class EmbeddedH2Recovery {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedH2Recovery.class);

	/**
	 * H2 URL forms that are no file of this process: in memory, or served by another
	 * process.
	 */
	/**
	 * A {@code CREATE INDEX} line of H2's {@code SCRIPT}: its schema and name (quoted),
	 * and the rest.
	 */
	private static final Pattern CREATE_INDEX = Pattern
		.compile("^(CREATE [A-Z ]*?INDEX )(\"(?:[^\"]|\"\")*\")\\.\"((?:[^\"]|\"\")*)\"( ON .*)$", Pattern.DOTALL);

	/**
	 * The copy's name is the index's with this appended, so an interrupted rebuild can be
	 * finished.
	 */
	private static final String COPY_SUFFIX = "__moonlight_rebuilt";

	private final Path database;

	private final String markPrefix;

	private EmbeddedH2Recovery(Path database) {
		this.database = database;
		this.markPrefix = database.getFileName() + ".moonlight-open.";
	}

	/**
	 * For an H2 URL naming a file ({@code jdbc:h2:/path/name}, {@code jdbc:h2:file:...});
	 * empty for any other.
	 */
	static Optional<EmbeddedH2Recovery> of(String jdbcUrl) {
		return H2FileUrl.path(jdbcUrl).map(EmbeddedH2Recovery::new);
	}

	/**
	 * Before the application uses the database: marks it open by this process, and when a
	 * gone process left its mark, rebuilds the indexes through a connection of
	 * {@code direct} (outside the application's pool: no statement timeout of the pool's,
	 * and the connection is closed after). Its first connection opens, and so recovers,
	 * the file.
	 */
	void open(DataSource direct) {
		List<Path> left = marksOfGoneProcesses();
		mark();
		if (left.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		try (Connection connection = direct.getConnection()) {
			int rebuilt = rebuildIndexes(connection);
			logger.warn(
					"The database {} was not closed by the process that had it open (pid {}: killed, or its JVM"
							+ " crashed); its {} indexes were built again from their tables in {}ms",
					database, pidOf(left.get(0)), rebuilt, (System.nanoTime() - started) / 1_000_000);
		}
		catch (SQLException ex) {
			// The marks stay: the next start tries again. The application goes on; its
			// own connection will tell whether the database can be used at all.
			logger.warn("The database {} was not closed by the process that had it open (pid {}), and its indexes"
					+ " could not be built again: {}", database, pidOf(left.get(0)), ex.getMessage());
			return;
		}
		for (Path mark : left) {
			deleteQuietly(mark);
		}
	}

	/**
	 * After the pool closed (and with its last connection, the database): this process's
	 * stop was clean.
	 */
	void closed() {
		deleteQuietly(ownMark());
	}

	Path ownMark() {
		return database.resolveSibling(markPrefix + ProcessHandle.current().pid());
	}

	/**
	 * Each {@code CREATE INDEX} of the schema built again: a copy, then the old one
	 * dropped and the copy renamed. First, a copy left by an interrupted rebuild is
	 * dropped when its index is still there, or takes its place when not.
	 */
	static int rebuildIndexes(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			List<Matcher> indexes = createIndexes(statement);
			Set<String> names = new HashSet<>();
			indexes.forEach((index) -> names.add(index.group(2) + "." + index.group(3)));
			for (Matcher copy : indexes) {
				String name = copy.group(3);
				if (name.endsWith(COPY_SUFFIX)) {
					String original = name.substring(0, name.length() - COPY_SUFFIX.length());
					String qualified = copy.group(2) + ".\"" + name + "\"";
					statement.execute(names.contains(copy.group(2) + "." + original) ? "DROP INDEX " + qualified
							: "ALTER INDEX " + qualified + " RENAME TO \"" + original + "\"");
				}
			}
			int rebuilt = 0;
			for (Matcher index : createIndexes(statement)) {
				String qualified = index.group(2) + ".\"" + index.group(3) + "\"";
				String copy = index.group(2) + ".\"" + index.group(3) + COPY_SUFFIX + "\"";
				statement.execute(index.group(1) + copy + index.group(4));
				statement.execute("DROP INDEX " + qualified);
				statement.execute("ALTER INDEX " + copy + " RENAME TO \"" + index.group(3) + "\"");
				rebuilt++;
			}
			return rebuilt;
		}
	}

	/**
	 * The {@code CREATE INDEX} statements of H2's {@code SCRIPT} of the database,
	 * matched.
	 */
	private static List<Matcher> createIndexes(Statement statement) throws SQLException {
		List<Matcher> indexes = new ArrayList<>();
		try (ResultSet script = statement.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
			while (script.next()) {
				Matcher index = CREATE_INDEX.matcher(script.getString(1));
				if (index.matches()) {
					indexes.add(index);
				}
			}
		}
		return indexes;
	}

	private List<Path> marksOfGoneProcesses() {
		List<Path> gone = new ArrayList<>();
		if (!Files.isDirectory(database.getParent())) {
			return gone;
		}
		try (DirectoryStream<Path> marks = Files.newDirectoryStream(database.getParent(), markPrefix + "*")) {
			for (Path mark : marks) {
				if (!Owner.read(mark).alive()) {
					gone.add(mark);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Could not read the marks beside {}: an unclean stop before this start is not looked for",
					database, ex);
		}
		return gone;
	}

	private void mark() {
		try {
			Files.createDirectories(database.getParent());
			Files.writeString(ownMark(), Owner.current().line(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			logger.warn("Could not write {}: an unclean stop of this process will not be noticed at the next start",
					ownMark(), ex);
		}
	}

	private String pidOf(Path mark) {
		return mark.getFileName().toString().substring(markPrefix.length());
	}

	private static void deleteQuietly(Path mark) {
		try {
			Files.deleteIfExists(mark);
		}
		catch (IOException ex) {
			logger.warn("Could not remove {}: the next start will build the indexes again", mark, ex);
		}
	}

	/**
	 * The process that marked the database open: its pid and start time, so a reused pid
	 * is not taken for it.
	 */
	record Owner(long pid, long startMillis) {

		static Owner current() {
			ProcessHandle self = ProcessHandle.current();
			return new Owner(self.pid(), startMillis(self));
		}

		/**
		 * The mark's owner; one that cannot be read (a crash while it was written) names
		 * no live process.
		 */
		static Owner read(Path mark) {
			try {
				String[] fields = Files.readString(mark, StandardCharsets.UTF_8).strip().split(" ");
				return new Owner(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
			}
			catch (IOException | RuntimeException ex) {
				return new Owner(-1, 0);
			}
		}

		boolean alive() {
			return ProcessHandle.of(pid).filter((process) -> startMillis(process) == startMillis).isPresent();
		}

		String line() {
			return pid + " " + startMillis + "\n";
		}

		private static long startMillis(ProcessHandle process) {
			return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
		}

	}

}
