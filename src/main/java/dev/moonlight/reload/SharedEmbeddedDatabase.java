package dev.moonlight.reload;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import javax.sql.DataSource;

import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.config.DatabaseSettings;

/**
 * The old process's side of a reload on an embedded H2 file, which one process at a time
 * can open: it serves its open database to the new process through an H2 TCP server on
 * loopback, which answers only a random key that the new process finds in its environment
 * ({@value #VARIABLE}). Once this process has drained and closed its pool, and the new
 * one has let go of its connections ({@link DatabaseHandOver}), the server stops, the
 * database closes with its last session, and the new process opens the file itself
 * ({@link SuccessorDatabase}).
 */
final class SharedEmbeddedDatabase {

	/**
	 * The environment variable that hands the new process the URL of this process's
	 * database.
	 */
	static final String VARIABLE = "MOONLIGHT_RELOAD_DATABASE";

	/** How long the old process waits for the new one to let go of its connections. */
	static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(SharedEmbeddedDatabase.class);

	private final Server server;

	private final String successorUrl;

	/**
	 * A session of this process's own, opened with the server: the database would close
	 * with its last session, but on the server's thread after {@link Server#stop}
	 * returned, so this one shuts it down before the new process is told to open the
	 * file.
	 */
	private final Connection closer;

	private SharedEmbeddedDatabase(Server server, String successorUrl, Connection closer) {
		this.server = server;
		this.successorUrl = successorUrl;
		this.closer = closer;
	}

	/**
	 * Serves the database behind {@code dataSource} to a new process.
	 * @param dataSource this process's pool
	 * @param database its settings, whose URL options the new process's URL repeats
	 * @throws ReloadRefusedException when the database cannot be served
	 */
	static SharedEmbeddedDatabase start(DataSource dataSource, DatabaseSettings database) {
		Connection closer = null;
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
			path.next();
			closer = open(database);
			byte[] secret = new byte[16];
			new SecureRandom().nextBytes(secret);
			String key = HexFormat.of().formatHex(secret);
			// Without -tcpAllowOthers H2 answers loopback only; the key is the only
			// database name it accepts.
			Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, path.getString(1))
				.start();
			return new SharedEmbeddedDatabase(server,
					"jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + key + options(database.jdbcUrl()), closer);
		}
		catch (SQLTransientConnectionException ex) {
			closeQuietly(closer);
			throw new ReloadRefusedException(Reloader.DATABASE_BUSY + " (pid " + ProcessHandle.current().pid() + "): "
					+ ex.getMessage() + "; try again in a moment.", ex);
		}
		catch (SQLException ex) {
			closeQuietly(closer);
			throw new ReloadRefusedException(
					"Cannot share the embedded database with the new process: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The new process's database URL: a secret, so it goes in the environment and never
	 * in a log line.
	 */
	String successorUrl() {
		return this.successorUrl;
	}

	/**
	 * The settings of this process's URL for the new one's, but a trace file's: the H2
	 * client would write the URL, key included, into it.
	 */
	private static String options(String jdbcUrl) {
		int options = jdbcUrl.indexOf(';');
		if (options < 0) {
			return "";
		}
		StringBuilder kept = new StringBuilder();
		for (String setting : jdbcUrl.substring(options + 1).split(";")) {
			if (!setting.isBlank() && !setting.strip().toUpperCase(Locale.ROOT).startsWith("TRACE_LEVEL")) {
				kept.append(';').append(setting);
			}
		}
		return kept.toString();
	}

	/**
	 * Once this process's pool is closed: waits until the new process has let go of its
	 * connections (or exited), then stops the server, shuts the database down and says
	 * so.
	 */
	void handOver(DatabaseHandOver file, ProcessHandle successor) {
		try {
			file.write(DatabaseHandOver.DRAINED);
			if (!file.await(DatabaseHandOver.RELEASED, RELEASE_TIMEOUT, () -> !successor.isAlive())) {
				logger.warn("Reload: the new process (pid {}) did not let go of its connections to this process's "
						+ "database within {}s; they end now", successor.pid(), RELEASE_TIMEOUT.toSeconds());
			}
		}
		catch (IOException ex) {
			logger.warn("Reload: cannot write {}: {}", file.path(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.server.stop();
			shutDown(this.closer);
		}
		try {
			file.write(DatabaseHandOver.CLOSED);
			logger.info("Reload: the database is closed in this process; pid {} opens it", successor.pid());
		}
		catch (IOException ex) {
			// The new process also takes the file over when this one exits.
			logger.warn("Reload: cannot write {}: {}", file.path(), ex.getMessage());
		}
	}

	/** A session of this process's own on its database, outside the pool. */
	private static Connection open(DatabaseSettings database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), database.credentials());
	}

	/** H2's SHUTDOWN closes the database (every session, the file) before it returns. */
	private static void shutDown(Connection closer) {
		if (closer == null) {
			return;
		}
		try (closer; Statement statement = closer.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			logger.warn("Reload: closing the database at the hand-over failed: {}", ex.getMessage());
		}
	}

	/**
	 * Stops serving the database when the new process did not start; this process goes on
	 * using it.
	 */
	void stop() {
		this.server.stop();
		closeQuietly(this.closer);
	}

	private static void closeQuietly(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// The session ends with the process at the latest.
		}
	}

}
