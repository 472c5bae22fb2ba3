package dev.moonlight.reload;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.AbstractDataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * The new process's side of a reload on an embedded H2 file ({@link SharedEmbeddedDatabase}): its pool reaches the old
 * process's open database through that process's TCP server, then takes the file over. Once the old process has
 * drained and closed its own pool, this one holds its calls' borrows (HikariCP's pool suspension), waits for the
 * connections in use to come back, closes them all, lets the old process close the database, opens the file itself
 * and lets the borrows go on. A call meanwhile waits a moment for its connection; none fails. Should the old process
 * exit without a word, the file is taken over at once.
 */
final class SuccessorDatabase implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(SuccessorDatabase.class);

	/** How long the old process may take to drain before the new one stops waiting to take the file over. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration CLOSE_TIMEOUT = SharedEmbeddedDatabase.RELEASE_TIMEOUT;

	private static final Duration RETURN_TIMEOUT = Duration.ofSeconds(30);

	private final String remoteUrl;

	private final DatabaseHandOver handOver;

	private final long oldPid;

	/**
	 * @param remoteUrl the old process's database ({@value SharedEmbeddedDatabase#VARIABLE})
	 * @param status this process's reload status file, beside which the database hand-over is written
	 */
	SuccessorDatabase(String remoteUrl, HandOverFile status) {
		this.remoteUrl = remoteUrl;
		this.handOver = DatabaseHandOver.beside(status);
		this.oldPid = oldPid(status);
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getDataSource() == null) {
			Switching target = new Switching(this.remoteUrl, pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
			pool.setDataSource(target);
			pool.setAllowPoolSuspension(true);
			Thread takeover = new Thread(() -> takeOver(pool, target), "moonlight-reload-database");
			takeover.setDaemon(true);
			takeover.start();
		}
		return bean;
	}

	private void takeOver(HikariDataSource pool, Switching target) {
		Optional<ProcessHandle> old = ProcessHandle.of(this.oldPid);
		try {
			boolean drained = this.handOver.await(DatabaseHandOver.DRAINED, DRAIN_TIMEOUT,
					() -> old.map((process) -> !process.isAlive()).orElse(true));
			if (drained) {
				HikariPoolMXBean borrows = pool.getHikariPoolMXBean();
				borrows.suspendPool();
				try {
					target.pause();
					awaitReturned(borrows);
					borrows.softEvictConnections();
					this.handOver.write(DatabaseHandOver.RELEASED);
					this.handOver.await(DatabaseHandOver.CLOSED, CLOSE_TIMEOUT,
							() -> old.map((process) -> !process.isAlive()).orElse(true));
					target.openFile();
				}
				finally {
					borrows.resumePool();
				}
			}
			else {
				// The old process is gone (or never drained): its server went with it, and the file is free.
				target.openFile();
				pool.getHikariPoolMXBean().softEvictConnections();
			}
			logger.info("Reload: this process opened the database file itself; pid {} no longer serves it", this.oldPid);
		}
		catch (IOException ex) {
			logger.error("Reload: cannot write {}: {}", this.handOver.path(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Until no call holds a connection to the old process (the pool holds new borrows meanwhile). */
	private static void awaitReturned(HikariPoolMXBean borrows) throws InterruptedException {
		Instant deadline = Instant.now().plus(RETURN_TIMEOUT);
		while (borrows.getActiveConnections() > 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(5);
		}
		if (borrows.getActiveConnections() > 0) {
			logger.warn("Reload: {} connection(s) still in use after {}s; they end with the old process's database",
					borrows.getActiveConnections(), RETURN_TIMEOUT.toSeconds());
		}
	}

	/** The pid in {@code reload-<pid>.status}. */
	private static long oldPid(HandOverFile status) {
		String name = status.path().getFileName().toString();
		return Long.parseLong(name.substring("reload-".length(), name.length() - ".status".length()));
	}

	/**
	 * The pool's connections: to the old process's database, then (held a moment while it closes) to the file. The
	 * first connection to the old process checks it is the file this process's own configuration names.
	 */
	static final class Switching extends AbstractDataSource {

		private enum State {

			REMOTE, PAUSED, FILE

		}

		/** H2's error code for a file another process has open or locked. */
		private static final int DATABASE_ALREADY_OPEN = 90020;

		private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

		private final String remoteUrl;

		private final String fileUrl;

		private final Properties credentials = new Properties();

		private State state = State.REMOTE;

		private boolean checked;

		Switching(String remoteUrl, String fileUrl, String username, String password) {
			this.remoteUrl = remoteUrl;
			this.fileUrl = fileUrl;
			if (username != null) {
				this.credentials.setProperty("user", username);
			}
			if (password != null) {
				this.credentials.setProperty("password", password);
			}
		}

		@Override
		public Connection getConnection() throws SQLException {
			return connect(this.credentials);
		}

		/** HikariCP asks with the pool's user and password. */
		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			Properties given = new Properties();
			if (username != null) {
				given.setProperty("user", username);
			}
			if (password != null) {
				given.setProperty("password", password);
			}
			return connect(given);
		}

		private Connection connect(Properties credentials) throws SQLException {
			String url = url();
			if (!url.equals(this.remoteUrl)) {
				return openFile(credentials);
			}
			Connection connection = DriverManager.getConnection(url, credentials);
			if (!checked()) {
				checkSameFile(connection);
				markChecked();
			}
			return withoutKey(connection);
		}

		/**
		 * The old process closes the database before it says so; should its file lock outlive that a moment, the
		 * attempt is made again rather than failed.
		 */
		private Connection openFile(Properties credentials) throws SQLException {
			Instant deadline = Instant.now().plus(LOCK_WAIT);
			while (true) {
				try {
					return DriverManager.getConnection(this.fileUrl, credentials);
				}
				catch (SQLException ex) {
					boolean locked = ex.getErrorCode() == DATABASE_ALREADY_OPEN
							|| String.valueOf(ex.getMessage()).contains("The file is locked");
					if (!locked || Instant.now().isAfter(deadline)) {
						throw ex;
					}
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SQLTransientConnectionException("Interrupted while the old process closes the database");
				}
			}
		}

		/**
		 * H2's connection names its URL, key included, and HikariCP logs it ("Added connection ..."): a connection to
		 * the old process is named without it.
		 */
		private static Connection withoutKey(Connection connection) {
			String name = "connection to the old process's database";
			return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, arguments) -> {
						if (method.getName().equals("toString") && method.getParameterCount() == 0) {
							return name;
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		/** DriverManager's own login timeout applies; HikariCP asks to set one on every data source. */
		@Override
		public void setLoginTimeout(int timeout) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		synchronized void pause() {
			this.state = State.PAUSED;
		}

		synchronized void openFile() {
			this.state = State.FILE;
			notifyAll();
		}

		/** The URL for a new connection; while paused, the pool's own attempt waits for the file. */
		private synchronized String url() throws SQLException {
			Instant deadline = Instant.now().plus(CLOSE_TIMEOUT);
			while (this.state == State.PAUSED) {
				long left = Duration.between(Instant.now(), deadline).toMillis();
				if (left <= 0) {
					throw new SQLTransientConnectionException("The database is being handed over by a reload");
				}
				try {
					wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SQLTransientConnectionException("Interrupted while a reload hands the database over");
				}
			}
			return (this.state == State.REMOTE) ? this.remoteUrl : this.fileUrl;
		}

		private synchronized boolean checked() {
			return this.checked;
		}

		private synchronized void markChecked() {
			this.checked = true;
		}

		private void checkSameFile(Connection connection) throws SQLException {
			Path own = filePath(this.fileUrl);
			try (Statement statement = connection.createStatement();
					ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
				path.next();
				Path shared = Path.of(path.getString(1)).toAbsolutePath().normalize();
				if (!shared.equals(own)) {
					connection.close();
					throw new SQLException("The old process's database is " + shared + " and this configuration's is "
							+ own + ": a reload cannot change the embedded database; restart instead.");
				}
			}
		}

		/** {@code jdbc:h2:file:/srv/app/storage/data/app;MODE=...} → {@code /srv/app/storage/data/app}. */
		static Path filePath(String fileUrl) {
			String location = fileUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
			if (location.toLowerCase(Locale.ROOT).startsWith("file:")) {
				location = location.substring("file:".length());
			}
			if (location.startsWith("~")) {
				location = System.getProperty("user.home") + location.substring(1);
			}
			return Path.of(location).toAbsolutePath().normalize();
		}

	}

}
