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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Skips a Flyway run that has nothing to do: when the migrations (every file under the
 * locations, every Java migration, every setting that decides what Flyway applies,
 * Flyway's own version) hash to the fingerprint that the last successful run stored, and
 * the history table still holds the rows that run left. That saves Flyway's validation,
 * about a tenth of a second a schema on a cold start. Anything else goes to Flyway as
 * usual: a new or edited migration, another jar's run, a history row removed by hand, a
 * changed setting or placeholder. So does every configuration whose run may do something
 * each time (callbacks, SQL callback files, repeatable migrations, custom resolvers,
 * {@code target=next}) or whose files this class cannot fully see (a location other than
 * the class path or a folder, an empty location, the same file in two jars). A run that
 * succeeds stores its fingerprint.
 */
public final class UnchangedMigrations {

	/** The property that turns this off, so that Flyway validates on every boot. */
	public static final String PROPERTY = "moonlight.database.skip-unchanged-migrations";

	static final String TABLE = "moonlight_schema_fingerprint";

	/** Where every Flyway looks for callback classes, whatever it is configured with. */
	private static final String DEFAULT_CALLBACKS = "db/callback";

	private static final Logger logger = LoggerFactory.getLogger(UnchangedMigrations.class);

	private final ResourcePatternResolver resources;

	public UnchangedMigrations(ClassLoader classLoader) {
		this.resources = new PathMatchingResourcePatternResolver(classLoader);
	}

	/**
	 * Migrates with {@code flyway} unless its migrations and history are those of its
	 * last successful run. A schema is named by its history table (and that table's
	 * schema), which tells the application's Flyway from the framework's.
	 */
	public void migrate(Flyway flyway) {
		migrate(flyway.getConfiguration(), () -> flyway);
	}

	/**
	 * As {@link #migrate(Flyway)}, for a caller that builds its Flyway itself: it is
	 * built from {@code configuration} only when it runs (a process's first Flyway object
	 * costs tens of milliseconds: Flyway loads its plugins and copies their settings).
	 */
	public void migrate(Configuration configuration, Supplier<Flyway> flyway) {
		String name = configuration.getTable();
		DataSource dataSource = configuration.getDataSource();
		Optional<String> schema = schema(configuration);
		Optional<String> fingerprint = fingerprint(configuration);
		Optional<String> history = fingerprint.flatMap((print) -> history(dataSource, schema, name));
		if (history.isPresent()
				&& stored(dataSource, schema, name).filter((fingerprint.get() + " " + history.get())::equals)
					.isPresent()) {
			logger.info(
					"Schema '{}' unchanged since its last migration (fingerprint {}, history {}); Flyway not run"
							+ " ({}=false runs it on every boot)",
					name, fingerprint.get().substring(0, 12), history.get(), PROPERTY);
			return;
		}
		flyway.get().migrate();
		fingerprint.flatMap((print) -> history(dataSource, schema, name))
			.ifPresent((after) -> store(dataSource, schema, name, fingerprint.get() + " " + after));
	}

	/**
	 * The migrations as this process ships them; empty when Flyway must run every time.
	 */
	Optional<String> fingerprint(Configuration configuration) {
		if (configuration.getCallbacks().length > 0 || configuration.getResolvers().length > 0
				|| configuration.isSkipDefaultResolvers() || MigrationVersion.NEXT.equals(configuration.getTarget())) {
			return Optional.empty();
		}
		MessageDigest digest = sha256();
		settings(digest, configuration);
		try {
			if (hasCallbackClasses(configuration)) {
				return Optional.empty();
			}
			for (Location location : configuration.getLocations()) {
				if (!files(digest, configuration, location)) {
					return Optional.empty();
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

	/**
	 * Whether a Flyway built from {@code configuration} finds callback classes: Flyway's
	 * constructor loads those of {@value #DEFAULT_CALLBACKS} (and of the configured
	 * callback locations), so a configuration that is not built yet does not list them.
	 */
	private boolean hasCallbackClasses(Configuration configuration) throws IOException {
		List<String> roots = new ArrayList<>(List.of(DEFAULT_CALLBACKS));
		for (Location location : configuration.getCallbackLocations()) {
			if (location.isClassPath()) {
				roots.add(location.getRootPath());
			}
		}
		for (String root : roots) {
			if (this.resources.getResources("classpath*:" + root + "/**/*.class").length > 0) {
				return true;
			}
		}
		return false;
	}

	/** What decides which migrations Flyway applies, and how it reads them. */
	private static void settings(MessageDigest digest, Configuration configuration) {
		update(digest, "flyway", String.valueOf(Flyway.class.getPackage().getImplementationVersion()));
		update(digest, "table", configuration.getTable());
		update(digest, "schemas", String.join(",", configuration.getSchemas()) + " " + configuration.isCreateSchemas());
		update(digest, "default-schema", String.valueOf(configuration.getDefaultSchema()));
		update(digest, "target", String.valueOf(configuration.getTarget()));
		update(digest, "baseline", configuration.getBaselineVersion() + " " + configuration.isBaselineOnMigrate());
		update(digest, "order",
				configuration.isOutOfOrder() + " " + Arrays.toString(configuration.getIgnoreMigrationPatterns()));
		update(digest, "names",
				String.join(" ", configuration.getSqlMigrationPrefix(), configuration.getRepeatableSqlMigrationPrefix(),
						configuration.getSqlMigrationSeparator(),
						String.join(",", configuration.getSqlMigrationSuffixes()),
						String.valueOf(configuration.getEncoding())));
		update(digest, "placeholders",
				String.join(" ", String.valueOf(configuration.isPlaceholderReplacement()),
						configuration.getPlaceholderPrefix(), configuration.getPlaceholderSuffix(),
						String.valueOf(new TreeMap<>(configuration.getPlaceholders()))));
	}

	/**
	 * Adds the files of one location; false when Flyway must run: a location this cannot
	 * list, an empty one (a jar without folder entries lists nothing), the same file
	 * twice, a repeatable migration or a SQL callback.
	 */
	private boolean files(MessageDigest digest, Configuration configuration, Location location) throws IOException {
		String pattern = switch (location.getPrefix()) {
			case "classpath:" -> "classpath*:" + location.getRootPath() + "/**/*";
			case "filesystem:" -> "file:" + location.getRootPath() + "/**/*";
			default -> null;
		};
		if (pattern == null) {
			return false;
		}
		update(digest, "location", location.getDescriptor());
		// Named from the location's root, so that the same jar extracted or moved keeps
		// its fingerprint.
		TreeMap<String, Resource> files = new TreeMap<>();
		for (Resource file : this.resources.getResources(pattern)) {
			String path = path(file);
			if (path.endsWith("/") || !file.exists()) {
				continue;
			}
			String name = path.substring(path.lastIndexOf('/') + 1);
			if (!file.isReadable() || name.startsWith(configuration.getRepeatableSqlMigrationPrefix())
					|| isCallback(name, configuration)
					|| files.put(path.substring(Math.max(0, path.lastIndexOf(location.getRootPath()))), file) != null) {
				return false;
			}
		}
		for (Map.Entry<String, Resource> file : files.entrySet()) {
			update(digest, "file", file.getKey());
			try (InputStream in = file.getValue().getInputStream()) {
				digest.update(in.readAllBytes());
			}
		}
		return !files.isEmpty();
	}

	/**
	 * {@code afterMigrate.sql}, {@code beforeMigrate__grants.sql}: Flyway runs these on
	 * every migrate.
	 */
	private static boolean isCallback(String name, Configuration configuration) {
		int end = name.indexOf(configuration.getSqlMigrationSeparator());
		if (end < 0) {
			end = name.indexOf('.');
		}
		return end > 0 && Event.fromId(name.substring(0, end)) != null;
	}

	private static String path(Resource resource) {
		try {
			return resource.getURL().toString();
		}
		catch (IOException ex) {
			return resource.getDescription();
		}
	}

	/** The history table's schema as Flyway names it; empty for the connection's own. */
	private static Optional<String> schema(Configuration configuration) {
		return Optional.ofNullable(configuration.getDefaultSchema())
			.or(() -> Arrays.stream(configuration.getSchemas()).findFirst());
	}

	private static String qualified(Optional<String> schema, String table) {
		return schema.map((name) -> quoted(name) + ".").orElse("") + table;
	}

	/**
	 * {@code rows:highest-rank} of the history table's successful rows; empty when it
	 * cannot be read.
	 */
	private static Optional<String> history(DataSource dataSource, Optional<String> schema, String table) {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*), COALESCE(MAX(\"installed_rank\"), 0) FROM "
						+ qualified(schema, quoted(table)) + " WHERE \"success\"")) {
			rows.next();
			return Optional.of(rows.getLong(1) + ":" + rows.getLong(2));
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The fingerprint table sits beside the history table, so it is where the application
	 * may create tables.
	 */
	private static Optional<String> stored(DataSource dataSource, Optional<String> schema, String name) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT fingerprint FROM " + qualified(schema, TABLE) + " WHERE name = ?")) {
			select.setString(1, name);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A fingerprint that is not stored only means that Flyway runs on the next boot too;
	 * the log says why.
	 */
	private static void store(DataSource dataSource, Optional<String> schema, String name, String fingerprint) {
		String table = qualified(schema, TABLE);
		try (Connection connection = dataSource.getConnection(); Statement create = connection.createStatement()) {
			create.execute("CREATE TABLE IF NOT EXISTS " + table
					+ " (name VARCHAR(100) PRIMARY KEY, fingerprint VARCHAR(200) NOT NULL)");
			try (PreparedStatement update = connection
				.prepareStatement("UPDATE " + table + " SET fingerprint = ? WHERE name = ?")) {
				update.setString(1, fingerprint);
				update.setString(2, name);
				if (update.executeUpdate() == 0) {
					try (PreparedStatement insert = connection
						.prepareStatement("INSERT INTO " + table + " (name, fingerprint) VALUES (?, ?)")) {
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
			logger.info("The fingerprint of schema '{}' was not stored in {} ({}); Flyway will run on every boot", name,
					table, ex.getMessage());
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
