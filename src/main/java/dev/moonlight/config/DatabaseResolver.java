package dev.moonlight.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.moonlight.config.DatabaseSettings.Kind;
import dev.moonlight.storage.StorageDir;

/**
 * Chooses the database, first match wins: {@code DATABASE_URL} (a JDBC URL or
 * {@code postgres://}), then the {@code [db]} section with Pionia's keys, then an H2 file
 * under {@code storage/data/}.
 */
final class DatabaseResolver {

	/**
	 * H2 settings that make it behave like PostgreSQL for the shared migrations and
	 * queries.
	 */
	static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	/**
	 * H2 settings that keep every acknowledged write, added to any H2 URL that does not
	 * set them itself. H2 writes its commits to the file half a second late by default,
	 * so a kill -9 lost the last ones; with no write delay each commit is written before
	 * the call returns (to the operating system, not synced to the disk: it survives the
	 * process, not a power loss). H2's own shutdown hook would close the database while
	 * the server still drains its last calls; the application closes it instead, when its
	 * connection pool closes last.
	 */
	static final List<String> H2_DURABILITY = List.of("WRITE_DELAY=0", "DB_CLOSE_ON_EXIT=FALSE");

	private static final String SECTION = "db";

	private static final String UNSUPPORTED_TYPE = "Unsupported database type; supported values: pgsql, postgres, postgresql, h2.";

	private static final String UNSUPPORTED_URL = "Unsupported database URL; use jdbc:postgresql:, jdbc:h2:, postgres:// or postgresql://.";

	private final Path projectDir;

	private final EnvLookup env;

	private final IniDocument ini;

	private final StorageDir storage;

	private final String fileName;

	/**
	 * @param fileName names the embedded database's file in the storage folder's
	 * {@code data/}
	 */
	DatabaseResolver(Path projectDir, StorageDir storage, EnvLookup env, IniDocument ini, String fileName) {
		this.projectDir = projectDir;
		this.storage = storage;
		this.env = env;
		this.ini = ini;
		this.fileName = fileName;
	}

	DatabaseSettings resolve() {
		Optional<ConfigValue> url = this.env.first("DATABASE_URL");
		if (url.isPresent()) {
			return fromUrl(url.get());
		}
		if (!this.ini.section(SECTION).isEmpty()) {
			return fromSection();
		}
		return h2(defaultH2File(), "sa", "");
	}

	static DatabaseSettings fromUrl(ConfigValue value) {
		String url = value.value().strip();
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.startsWith("jdbc:postgresql:")) {
			return new DatabaseSettings(Kind.POSTGRESQL, url, null, null);
		}
		if (lower.startsWith("jdbc:h2:")) {
			return new DatabaseSettings(Kind.H2, durable(url), "sa", "");
		}
		if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
			return PostgresUrl.toSettings(value);
		}
		throw PostgresUrl.masked(value).invalid(UNSUPPORTED_URL);
	}

	private DatabaseSettings fromSection() {
		Optional<ConfigValue> url = setting("url");
		if (url.isPresent()) {
			DatabaseSettings base = fromUrl(url.get());
			return new DatabaseSettings(base.kind(), base.jdbcUrl(),
					setting("username").map(ConfigValue::value).orElse(base.username()),
					password().orElse(base.password()));
		}
		ConfigValue type = setting("database_type", "type")
			.orElseThrow(() -> new ConfigException(new Origin(IniDocument.FILE, 0, "[db] database_type"), null,
					"Set database_type (pgsql or h2) or url in [db]."));
		return switch (type.value().strip().toLowerCase(Locale.ROOT)) {
			case "pgsql", "postgres", "postgresql" -> postgres();
			case "h2" -> h2(setting("database_name", "database").map(ConfigValue::value).orElseGet(this::defaultH2File),
					setting("username").map(ConfigValue::value).orElse("sa"), password().orElse(""));
			default -> throw type.invalid(UNSUPPORTED_TYPE);
		};
	}

	private DatabaseSettings postgres() {
		String host = setting("host", "server").map(ConfigValue::value).orElse("localhost").strip();
		int port = setting("port")
			.map((value) -> (int) ValueParsers.wholeNumber(value, 1, 65535,
					"Port must be a whole number between 1 and 65535."))
			.orElse(PostgresUrl.DEFAULT_PORT);
		String database = setting("database_name", "database")
			.orElseThrow(() -> new ConfigException(new Origin(IniDocument.FILE, 0, "[db] database_name"), null,
					"Name the PostgreSQL database with database_name (or database)."))
			.value()
			.strip();
		String jdbcUrl = "jdbc:postgresql://" + PostgresUrl.hostForUrl(host) + ":" + port + "/" + database;
		return new DatabaseSettings(Kind.POSTGRESQL, jdbcUrl, setting("username").map(ConfigValue::value).orElse(null),
				password().orElse(null));
	}

	/**
	 * An H2 database: {@code mem:name} and other H2 URL forms as given, anything else a
	 * file in the project.
	 */
	private String defaultH2File() {
		return this.storage.data().resolve(this.fileName).toString();
	}

	private DatabaseSettings h2(String name, String username, String password) {
		String target = name.strip();
		String location = (target.indexOf(':') >= 0) ? target
				: "file:" + this.projectDir.resolve(target).toAbsolutePath().normalize();
		return new DatabaseSettings(Kind.H2, durable("jdbc:h2:" + location + H2_OPTIONS), username, password);
	}

	/**
	 * The H2 URL with {@link #H2_DURABILITY}'s settings it does not name, so an explicit
	 * choice is kept. H2 refuses {@code DB_CLOSE_ON_EXIT=FALSE} beside
	 * {@code AUTO_SERVER=TRUE} (the first process serves the others, and its hook must
	 * close the database for them), so such a URL keeps H2's hook.
	 */
	static String durable(String h2Url) {
		StringBuilder url = new StringBuilder(h2Url);
		String upper = h2Url.toUpperCase(Locale.ROOT);
		boolean autoServer = upper.contains(";AUTO_SERVER=TRUE");
		for (String setting : H2_DURABILITY) {
			String key = setting.substring(0, setting.indexOf('=') + 1);
			if (!upper.contains(";" + key) && !(autoServer && key.equals("DB_CLOSE_ON_EXIT="))) {
				url.append(';').append(setting);
			}
		}
		return url.toString();
	}

	/**
	 * The password: {@code DB_PASSWORD} from the environment wins, so settings.ini can
	 * stay in git.
	 */
	private Optional<String> password() {
		return this.env.first("DB_PASSWORD").or(() -> setting("password")).map(ConfigValue::value);
	}

	private Optional<ConfigValue> setting(String... keys) {
		for (String key : keys) {
			Optional<ConfigValue> value = this.ini.getIgnoreCase(SECTION, key)
				.filter((candidate) -> !candidate.isBlank());
			if (value.isPresent()) {
				return value;
			}
		}
		return Optional.empty();
	}

}
