package dev.moonlight.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an embedded H2 database's secondary indexes after a process that had it open stopped without closing it
 * (kill -9, a crash of the JVM). When H2 opens such a file it rolls back the transactions that were open; H2 2.5.252
 * can leave a secondary index out of step with its table in that recovery (found by {@code reliability/run.sh}: jobs
 * whose claim was in flight read {@code queued} from the table but {@code running} from the claim index, so no
 * consumer saw them). The table is right; an index H2 finds empty it builds again from the table as it opens. So a
 * marker beside the database ({@code <name>.moonlight-open}) names the process that has it open; one found at boot
 * naming a process that is gone means an unclean stop, and the index maps are dropped from the file before H2 opens
 * it. A clean stop removes the marker after the pool (and so the database) closed.
 * <p>
 * A marker naming a live process is left alone: that process serves the file (H2's {@code AUTO_SERVER}), or another
 * context of this JVM does.
 */
final class EmbeddedH2Recovery {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedH2Recovery.class);

	/** The prefix of H2's own names for the maps of secondary indexes (a table's rows are in {@code table.N}). */
	private static final String INDEX_MAP_PREFIX = "index.";

	/** H2 URL forms that are no file of this process: in memory, or served by another process. */
	private static final List<String> NOT_A_FILE = List.of("mem:", "tcp:", "ssl:", "zip:");

	private final Path database;

	private final Path marker;

	private boolean ours;

	private EmbeddedH2Recovery(Path database) {
		this.database = database;
		this.marker = database.resolveSibling(database.getFileName() + ".moonlight-open");
	}

	/** For an H2 URL naming a file ({@code jdbc:h2:/path/name}, {@code jdbc:h2:file:...}); empty for any other. */
	static Optional<EmbeddedH2Recovery> of(String jdbcUrl) {
		if (jdbcUrl == null || !jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
			return Optional.empty();
		}
		String location = jdbcUrl.substring("jdbc:h2:".length());
		int options = location.indexOf(';');
		location = (options < 0) ? location : location.substring(0, options);
		String lower = location.toLowerCase(Locale.ROOT);
		if (NOT_A_FILE.stream().anyMatch(lower::startsWith)) {
			return Optional.empty();
		}
		if (lower.startsWith("file:")) {
			location = location.substring("file:".length());
		}
		if (location.startsWith("~")) {
			location = System.getProperty("user.home") + location.substring(1);
		}
		if (location.isEmpty() || location.contains(":")) {
			// Another of H2's file systems (split:, nio:, ...): not the plain file this knows how to mend.
			return Optional.empty();
		}
		return Optional.of(new EmbeddedH2Recovery(Path.of(location).toAbsolutePath().normalize()));
	}

	/** Before the first connection: mends the file after an unclean stop, then marks it open by this process. */
	void beforeOpen() {
		Optional<Owner> previous = Owner.read(marker);
		if (previous.isPresent() && previous.get().alive()) {
			return;
		}
		Path file = database.resolveSibling(database.getFileName() + ".mv.db");
		if (previous.isPresent() && Files.exists(file)) {
			try {
				int dropped = dropIndexMaps(file);
				logger.warn("The database {} was not closed by the process that had it open (pid {}: killed, or its"
						+ " JVM crashed); its {} secondary indexes are built again from their tables as it opens",
						database, previous.get().pid(), dropped);
			}
			catch (MVStoreException ex) {
				// Most likely locked: another process has opened it since (H2's AUTO_SERVER) and recovered it itself.
				logger.warn("The database {} was not closed by the process that had it open (pid {}), and cannot be"
						+ " mended now: {}", database, previous.get().pid(), ex.getMessage());
				return;
			}
		}
		try {
			Files.createDirectories(database.getParent());
			Files.writeString(marker, Owner.current().line(), StandardCharsets.UTF_8);
			ours = true;
		}
		catch (IOException ex) {
			logger.warn("Could not write {}: an unclean stop of this process will not be noticed at the next start",
					marker, ex);
		}
	}

	/** After the pool closed (and with its last connection, the database): the stop was clean. */
	void afterClose() {
		if (!ours) {
			return;
		}
		try {
			Files.deleteIfExists(marker);
		}
		catch (IOException ex) {
			logger.warn("Could not remove {}: the next start will rebuild the indexes of {}", marker, database, ex);
		}
	}

	/** Drops the secondary index maps; H2 finds them empty when it opens the file and builds them from the tables. */
	private static int dropIndexMaps(Path file) {
		MVStore store = new MVStore.Builder().fileName(file.toString()).open();
		try {
			List<String> indexes = store.getMapNames().stream().filter((name) -> name.startsWith(INDEX_MAP_PREFIX))
				.toList();
			indexes.forEach(store::removeMap);
			store.commit();
			return indexes.size();
		}
		finally {
			store.close();
		}
	}

	Path marker() {
		return marker;
	}

	/** The process that has the database open: its pid and start time, so a reused pid is not taken for it. */
	record Owner(long pid, long startMillis) {

		static Owner current() {
			ProcessHandle self = ProcessHandle.current();
			return new Owner(self.pid(), startMillis(self));
		}

		static Optional<Owner> read(Path marker) {
			try {
				String[] fields = Files.readString(marker, StandardCharsets.UTF_8).strip().split(" ");
				return Optional.of(new Owner(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
			}
			catch (IOException | RuntimeException ex) {
				// No marker, or an unreadable one (a crash while it was written): the process is gone either way
				// when the file exists; Files.exists tells the two apart.
				return Files.exists(marker) ? Optional.of(new Owner(-1, 0)) : Optional.empty();
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
