package dev.moonlight.reload;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;

import javax.sql.DataSource;

import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.config.DatabaseSettings;

/**
 * The old process's side of a reload on an embedded H2 file, which one process at a time can open: it serves its open
 * database to the new process through an H2 TCP server on loopback, which answers only a random key that the new
 * process finds in its environment ({@value #VARIABLE}). Once this process has drained and closed its pool, and the
 * new one has let go of its connections ({@link DatabaseHandOver}), the server stops, the database closes with its
 * last session, and the new process opens the file itself ({@link SuccessorDatabase}).
 */
final class SharedEmbeddedDatabase {

	/** The environment variable that hands the new process the URL of this process's database. */
	static final String VARIABLE = "MOONLIGHT_RELOAD_DATABASE";

	/** How long the old process waits for the new one to let go of its connections. */
	static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(SharedEmbeddedDatabase.class);

	private final Server server;

	private final String successorUrl;

	private final DatabaseSettings database;

	private SharedEmbeddedDatabase(Server server, String successorUrl, DatabaseSettings database) {
		this.server = server;
		this.successorUrl = successorUrl;
		this.database = database;
	}

	/**
	 * Serves the database behind {@code dataSource} to a new process.
	 * @param dataSource this process's pool
	 * @param database its settings, whose URL options the new process's URL repeats
	 * @throws ReloadRefusedException when the database cannot be served
	 */
	static SharedEmbeddedDatabase start(DataSource dataSource, DatabaseSettings database) {
		String jdbcUrl = database.jdbcUrl();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
			path.next();
			byte[] secret = new byte[16];
			new SecureRandom().nextBytes(secret);
			String key = HexFormat.of().formatHex(secret);
			// Without -tcpAllowOthers H2 answers loopback only; the key is the only database name it accepts.
			Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, path.getString(1)).start();
			int options = jdbcUrl.indexOf(';');
			return new SharedEmbeddedDatabase(server, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + key
					+ ((options < 0) ? "" : jdbcUrl.substring(options)), database);
		}
		catch (SQLException ex) {
			throw new ReloadRefusedException("Cannot share the embedded database with the new process: "
					+ ex.getMessage(), ex);
		}
	}

	/** The new process's database URL: a secret, so it goes in the environment and never in a log line. */
	String successorUrl() {
		return this.successorUrl;
	}

	/**
	 * Once this process's pool is closed: waits until the new process has let go of its connections (or exited), then
	 * stops the server, closes the database and says so. The database would close with its last session, but on the
	 * server's thread and after {@link Server#stop} returned; a connection of this process's own, shut down, closes
	 * it before the new process is told to open the file.
	 */
	void handOver(DatabaseHandOver file, ProcessHandle successor) {
		Connection closer = openInThisProcess();
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
			stop();
			shutDown(closer);
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

	/** A session of this process on the database it still has open for the new process's sessions, or null. */
	private Connection openInThisProcess() {
		Properties credentials = new Properties();
		if (this.database.username() != null) {
			credentials.setProperty("user", this.database.username());
		}
		if (this.database.password() != null) {
			credentials.setProperty("password", this.database.password());
		}
		try {
			return DriverManager.getConnection(this.database.jdbcUrl(), credentials);
		}
		catch (SQLException ex) {
			logger.warn("Reload: cannot open the database to close it at the hand-over ({}); the new process waits "
					+ "for the file", ex.getMessage());
			return null;
		}
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

	/** Stops serving the database: after the hand-over, or when the new process did not start. */
	void stop() {
		this.server.stop();
	}

}
