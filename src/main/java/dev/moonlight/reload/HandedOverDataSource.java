package dev.moonlight.reload;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.springframework.jdbc.datasource.AbstractDataSource;

import dev.moonlight.database.FileHandOver;
import dev.moonlight.database.H2FileUrl;

/**
 * A reload's new process's connections on an embedded H2 file: to the old process's open
 * database (its TCP server) until the old process has closed it, held a moment while it
 * does, then to the file. The first connection to the old process checks that its
 * database is the file this process's own configuration names.
 */
final class HandedOverDataSource extends AbstractDataSource implements FileHandOver {

	/** H2's error code for a file another process has open or locked. */
	private static final int DATABASE_ALREADY_OPEN = 90020;

	/** How long a new connection waits while the file changes hands. */
	static final Duration HOLD = Duration.ofSeconds(60);

	/** How long a file still locked by the old process is tried again. */
	private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

	private enum State {

		REMOTE, PAUSED, FILE

	}

	private final String remoteUrl;

	private final String fileUrl;

	private final Properties credentials = new Properties();

	private final List<Runnable> whenFileOpened = new ArrayList<>();

	private State state = State.REMOTE;

	private boolean checked;

	HandedOverDataSource(String remoteUrl, String fileUrl, String username, String password) {
		this.remoteUrl = remoteUrl;
		this.fileUrl = fileUrl;
		this.credentials.putAll(credentials(username, password));
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connect(this.credentials);
	}

	/** HikariCP asks with the pool's user and password. */
	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return connect(credentials(username, password));
	}

	/**
	 * DriverManager's own login timeout applies; HikariCP asks to set one on every data
	 * source.
	 */
	@Override
	public void setLoginTimeout(int timeout) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public synchronized void whenFileOpened(Runnable action) {
		if (this.state == State.FILE) {
			action.run();
		}
		else {
			this.whenFileOpened.add(action);
		}
	}

	@Override
	public synchronized boolean fileOpened() {
		return this.state == State.FILE;
	}

	/** New connections wait: the old process is about to close the database. */
	synchronized void pause() {
		if (this.state == State.REMOTE) {
			this.state = State.PAUSED;
		}
	}

	/**
	 * The old process has closed the database (or is gone): connections open the file
	 * from now on.
	 */
	void openFile() {
		List<Runnable> actions;
		synchronized (this) {
			if (this.state == State.FILE) {
				return;
			}
			this.state = State.FILE;
			actions = List.copyOf(this.whenFileOpened);
			this.whenFileOpened.clear();
			notifyAll();
		}
		actions.forEach(Runnable::run);
	}

	private Connection connect(Properties given) throws SQLException {
		String url = url();
		if (!url.equals(this.remoteUrl)) {
			return openFile(given);
		}
		Connection connection = DriverManager.getConnection(url, given);
		if (!checked()) {
			checkSameFile(connection);
			markChecked();
		}
		return withoutKey(connection);
	}

	/**
	 * The URL for a new connection; while paused, the pool's own attempt waits for the
	 * file.
	 */
	private synchronized String url() throws SQLException {
		Instant deadline = Instant.now().plus(HOLD);
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

	/**
	 * The old process shuts the database down before it says so; should its file lock
	 * outlive that a moment, the attempt is made again rather than failed.
	 */
	private Connection openFile(Properties given) throws SQLException {
		Instant deadline = Instant.now().plus(LOCK_WAIT);
		while (true) {
			try {
				return DriverManager.getConnection(this.fileUrl, given);
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

	private synchronized boolean checked() {
		return this.checked;
	}

	private synchronized void markChecked() {
		this.checked = true;
	}

	private void checkSameFile(Connection connection) throws SQLException {
		Path own = realFile(H2FileUrl.path(this.fileUrl)
			.orElseThrow(() -> new SQLException("This configuration names no embedded H2 file to share.")));
		try (Statement statement = connection.createStatement();
				ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
			path.next();
			Path shared = realFile(Path.of(path.getString(1)));
			if (!shared.equals(own)) {
				connection.close();
				throw new SQLException("The old process's database is " + shared + " and this configuration's is " + own
						+ ": a reload cannot change the embedded database; restart instead.");
			}
		}
	}

	/**
	 * H2 resolves links in the folder of the path it reports, so both sides are compared
	 * that way.
	 */
	private static Path realFile(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		try {
			return (absolute.getParent() != null && Files.exists(absolute.getParent()))
					? absolute.getParent().toRealPath().resolve(absolute.getFileName()) : absolute;
		}
		catch (IOException ex) {
			return absolute;
		}
	}

	private static Properties credentials(String username, String password) {
		Properties properties = new Properties();
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		return properties;
	}

	/**
	 * H2's connection and its metadata name the URL, key included, and HikariCP and
	 * Flyway log them: a connection to the old process is named without it.
	 */
	private static Connection withoutKey(Connection connection) {
		return hiding(Connection.class, connection);
	}

	private static <T> T hiding(Class<T> type, T target) {
		String name = "the old process's database";
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				(self, method, arguments) -> {
					switch (method.getName()) {
						case "toString", "getURL" -> {
							if (method.getParameterCount() == 0) {
								return name;
							}
						}
						case "equals" -> {
							return self == arguments[0];
						}
						case "hashCode" -> {
							return System.identityHashCode(self);
						}
						case "getMetaData" -> {
							return hiding(DatabaseMetaData.class, ((Connection) target).getMetaData());
						}
						default -> {
						}
					}
					try {
						return method.invoke(target, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		return type.cast(proxy);
	}

}
