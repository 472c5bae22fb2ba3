package dev.moonlight.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Runs a Flyway migration only when something could have changed since the last one that succeeded: its migrations
 * (every file under its locations, every Java migration, the settings that choose them) hash to the fingerprint that
 * run stored, and its history table still holds the rows it left. Then there is nothing to apply and nothing new to
 * validate, and the boot saves Flyway's work (about a third of a second a schema, measured on a warm cache). Anything
 * else (a new or edited migration, another jar's run, a history row removed by hand, a location this cannot read,
 * a callback that expects to run) goes to Flyway as usual, and a run that succeeds stores its fingerprint.
 */
public final class UnchangedMigrations {

	/** The property that turns this off, so that Flyway validates on every boot. */
	public static final String PROPERTY = "moonlight.database.skip-unchanged-migrations";

	static final String TABLE = "moonlight_schema_fingerprint";

	private static final Logger logger = LoggerFactory.getLogger(UnchangedMigrations.class);

	private final ResourcePatternResolver resources;

	public UnchangedMigrations(ClassLoader classLoader) {
		this.resources = new PathMatchingResourcePatternResolver(classLoader);
	}

	/**
	 * Migrates with {@code flyway} unless its migrations and history are those of its last successful run. A schema
	 * is named by its history table, which tells the application's Flyway from the framework's.
	 */
	public void migrate(Flyway flyway) {
		Configuration configuration = flyway.getConfiguration();
		String name = configuration.getTable();
		DataSource dataSource = configuration.getDataSource();
		Optional<String> fingerprint = fingerprint(configuration);
		Optional<String> history = fingerprint.flatMap((print) -> history(dataSource, configuration));
		if (history.isPresent() && stored(dataSource, name).filter((fingerprint.get() + " " + history.get())::equals)
			.isPresent()) {
			logger.info("Schema '{}' unchanged since its last migration (fingerprint {}, history {}); Flyway not run"
					+ " ({}=false runs it on every boot)", name, fingerprint.get().substring(0, 12), history.get(), PROPERTY);
			return;
		}
		flyway.migrate();
		fingerprint.flatMap((print) -> history(dataSource, configuration))
			.ifPresent((after) -> store(dataSource, name, fingerprint.get() + " " + after));
	}

	/** The migrations as this process ships them; empty when they cannot all be read (then Flyway always runs). */
	Optional<String> fingerprint(Configuration configuration) {
		if (configuration.getCallbacks().length > 0) {
			return Optional.empty();
		}
		MessageDigest digest = sha256();
		update(digest, "table", configuration.getTable());
		update(digest, "schemas", String.join(",", configuration.getSchemas()));
		update(digest, "default-schema", String.valueOf(configuration.getDefaultSchema()));
		update(digest, "target", String.valueOf(configuration.getTarget()));
		update(digest, "baseline", configuration.getBaselineVersion() + " " + configuration.isBaselineOnMigrate());
		try {
			for (Location location : configuration.getLocations()) {
				String pattern = switch (location.getPrefix()) {
					case "classpath:" -> "classpath*:" + location.getRootPath() + "/**/*";
					case "filesystem:" -> "file:" + location.getRootPath() + "/**/*";
					default -> null;
				};
				if (pattern == null) {
					return Optional.empty();
				}
				update(digest, "location", location.getDescriptor());
				// Named from the location's root, so that the same jar extracted or moved keeps its fingerprint.
				TreeMap<String, Resource> files = new TreeMap<>();
				for (Resource file : this.resources.getResources(pattern)) {
					String path = path(file);
					if (file.isReadable() && !path.endsWith("/")) {
						files.put(path.substring(Math.max(0, path.lastIndexOf(location.getRootPath()))), file);
					}
				}
				for (Map.Entry<String, Resource> file : files.entrySet()) {
					update(digest, "file", file.getKey());
					try (InputStream in = file.getValue().getInputStream()) {
						digest.update(in.readAllBytes());
					}
				}
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		JavaMigration[] javaMigrations = configuration.getJavaMigrations().clone();
		Arrays.sort(javaMigrations, Comparator.comparing((JavaMigration migration) -> migration.getClass().getName()));
		for (JavaMigration migration : javaMigrations) {
			update(digest, "java", migration.getClass().getName() + " " + migration.getVersion() + " "
					+ migration.getDescription() + " " + migration.getChecksum());
		}
		return Optional.of(HexFormat.of().formatHex(digest.digest()));
	}

	private static String path(Resource resource) {
		try {
			return resource.getURL().toString();
		}
		catch (IOException ex) {
			return resource.getDescription();
		}
	}

	/** {@code rows:highest-rank} of the history table; empty when it cannot be read (a new database). */
	private static Optional<String> history(DataSource dataSource, Configuration configuration) {
		String schema = (configuration.getDefaultSchema() != null) ? configuration.getDefaultSchema()
				: (configuration.getSchemas().length > 0) ? configuration.getSchemas()[0] : null;
		String table = ((schema != null) ? quoted(schema) + "." : "") + quoted(configuration.getTable());
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT COUNT(*), COALESCE(MAX(\"installed_rank\"), 0) FROM " + table + " WHERE \"success\"")) {
			rows.next();
			return Optional.of(rows.getLong(1) + ":" + rows.getLong(2));
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	private static Optional<String> stored(DataSource dataSource, String name) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"SELECT fingerprint FROM " + TABLE + " WHERE name = ?")) {
			select.setString(1, name);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	/** Best effort: a fingerprint that is not stored only means that Flyway runs on the next boot. */
	private static void store(DataSource dataSource, String name, String fingerprint) {
		try (Connection connection = dataSource.getConnection(); Statement create = connection.createStatement()) {
			create.execute("CREATE TABLE IF NOT EXISTS " + TABLE
					+ " (name VARCHAR(100) PRIMARY KEY, fingerprint VARCHAR(200) NOT NULL)");
			try (PreparedStatement update = connection.prepareStatement(
					"UPDATE " + TABLE + " SET fingerprint = ? WHERE name = ?")) {
				update.setString(1, fingerprint);
				update.setString(2, name);
				if (update.executeUpdate() == 0) {
					try (PreparedStatement insert = connection.prepareStatement(
							"INSERT INTO " + TABLE + " (name, fingerprint) VALUES (?, ?)")) {
						insert.setString(1, name);
						insert.setString(2, fingerprint);
						insert.executeUpdate();
					}
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			logger.debug("The fingerprint of schema '{}' was not stored; Flyway runs on the next boot", name, ex);
		}
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static void update(MessageDigest digest, String key, String value) {
		digest.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
