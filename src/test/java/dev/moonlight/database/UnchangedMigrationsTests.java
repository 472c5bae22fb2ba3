package dev.moonlight.database;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Flyway run is skipped only when its migrations and history are those of its last
 * successful run; anything else reaches Flyway, which applies or refuses as it always
 * does. A real H2 database, real Flyway, migration files in a folder the tests edit.
 */
class UnchangedMigrationsTests {

	@TempDir
	Path migrations;

	private JdbcDataSource dataSource;

	private final UnchangedMigrations unchanged = new UnchangedMigrations(getClass().getClassLoader());

	@BeforeEach
	void database() throws Exception {
		this.dataSource = new JdbcDataSource();
		this.dataSource.setURL("jdbc:h2:mem:unchanged-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Files.writeString(this.migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);");
	}

	@Test
	void aSecondBootWithTheSameMigrationsDoesNotRunFlyway() {
		assertThat(boot(configuration())).as("a new database is migrated").isEqualTo(1);
		assertThat(runs(configuration())).as("nothing changed: Flyway not run").isZero();
		assertThat(runs(configuration())).isZero();
		assertThat(JdbcClient.create(this.dataSource).sql("SELECT COUNT(*) FROM notes").query(Integer.class).single())
			.isZero();
	}

	@Test
	void aNewMigrationIsApplied() throws Exception {
		boot(configuration());
		Files.writeString(this.migrations.resolve("V2__titles.sql"), "ALTER TABLE notes ADD COLUMN title VARCHAR(40);");
		assertThat(boot(configuration())).isEqualTo(1);
		JdbcClient.create(this.dataSource).sql("INSERT INTO notes (id, title) VALUES (1, 'x')").update();
		assertThat(runs(configuration())).isZero();
	}

	@Test
	void anEditedMigrationReachesFlywayWhichRefusesIt() throws Exception {
		boot(configuration());
		Files.writeString(this.migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id BIGINT PRIMARY KEY);");
		assertThatExceptionOfType(FlywayValidateException.class).isThrownBy(() -> boot(configuration()))
			.withMessageContaining("checksum mismatch");
	}

	@Test
	void aHistoryRowRemovedByHandRunsTheMigrationAgain() {
		boot(configuration());
		JdbcClient database = JdbcClient.create(this.dataSource);
		database.sql("DROP TABLE notes").update();
		database.sql("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '1'").update();
		assertThat(boot(configuration())).isEqualTo(1);
		assertThat(database.sql("SELECT COUNT(*) FROM notes").query(Integer.class).single()).isZero();
	}

	@Test
	void aDifferentHistoryTableIsAnotherSchemaWithItsOwnFingerprint() {
		boot(configuration());
		assertThat(runs(configuration().table("other_history").baselineOnMigrate(true).baselineVersion("1")))
			.as("its first run")
			.isEqualTo(1);
		assertThat(runs(configuration().table("other_history").baselineOnMigrate(true).baselineVersion("1"))).isZero();
		assertThat(JdbcClient.create(this.dataSource)
			.sql("SELECT COUNT(*) FROM " + UnchangedMigrations.TABLE)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void withACallbackFlywayRunsEveryTimeSoThatTheCallbackDoes() {
		Callback callback = new Callback() {

			@Override
			public boolean supports(Event event, Context context) {
				return false;
			}

			@Override
			public boolean canHandleInTransaction(Event event, Context context) {
				return true;
			}

			@Override
			public void handle(Event event, Context context) {
			}

			@Override
			public String getCallbackName() {
				return "test";
			}

		};
		boot(configuration().callbacks(callback));
		assertThat(runs(configuration().callbacks(callback))).isEqualTo(1);
		assertThat(runs(configuration().callbacks(callback))).isEqualTo(1);
	}

	@Test
	void aSqlCallbackOrARepeatableMigrationRunsFlywayEveryTime() throws Exception {
		Files.writeString(this.migrations.resolve("afterMigrate.sql"), "SELECT 1;");
		boot(configuration());
		assertThat(runs(configuration())).as("afterMigrate.sql runs on every migrate").isEqualTo(1);
		Files.delete(this.migrations.resolve("afterMigrate.sql"));
		Files.writeString(this.migrations.resolve("R__view.sql"),
				"CREATE OR REPLACE VIEW note_ids AS SELECT id FROM notes;");
		boot(configuration());
		assertThat(runs(configuration())).as("a repeatable migration is Flyway's to judge").isEqualTo(1);
	}

	@Test
	void aChangedSettingOrPlaceholderRunsFlyway() {
		boot(configuration().placeholders(java.util.Map.of("owner", "alex")));
		assertThat(runs(configuration().placeholders(java.util.Map.of("owner", "alex")))).isZero();
		assertThat(runs(configuration().placeholders(java.util.Map.of("owner", "jamie")))).isEqualTo(1);
		assertThat(runs(configuration().placeholders(java.util.Map.of("owner", "jamie")).outOfOrder(true)))
			.isEqualTo(1);
		assertThat(runs(configuration().placeholders(java.util.Map.of("owner", "jamie")).outOfOrder(true))).isZero();
	}

	@Test
	void anEmptyLocationRunsFlywayEveryTime() throws Exception {
		Files.delete(this.migrations.resolve("V1__notes.sql"));
		boot(configuration());
		assertThat(runs(configuration())).isEqualTo(1);
	}

	@Test
	void aCallerThatBuildsItsOwnFlywayBuildsNoneWhileNothingChanged() throws Exception {
		AtomicInteger built = new AtomicInteger();
		FluentConfiguration configuration = configuration();
		Supplier<Flyway> flyway = () -> {
			built.incrementAndGet();
			return configuration.load();
		};
		this.unchanged.migrate(configuration, flyway);
		assertThat(built).as("a new database: built and run").hasValue(1);
		this.unchanged.migrate(configuration, flyway);
		assertThat(built).as("nothing changed: not even built").hasValue(1);
		assertThat(runs(configuration())).as("the Flyway bean's way agrees").isZero();
		Files.writeString(this.migrations.resolve("V2__titles.sql"), "ALTER TABLE notes ADD COLUMN title VARCHAR(40);");
		this.unchanged.migrate(configuration, flyway);
		assertThat(built).as("a new migration: built and run").hasValue(2);
		JdbcClient.create(this.dataSource).sql("INSERT INTO notes (id, title) VALUES (1, 'x')").update();
	}

	@Test
	void theFrameworkSchemasSettingsHashAsTheFlywayTheyBuild() {
		FluentConfiguration configuration = FrameworkSchema.configuration(this.dataSource, getClass().getClassLoader());
		assertThat(this.unchanged.fingerprint(configuration)).isPresent()
			.isEqualTo(this.unchanged.fingerprint(configuration.load().getConfiguration()));
	}

	/**
	 * A Flyway loads the callback classes of {@code db/callback} when it is built; a
	 * configuration fingerprinted before that must still see them and run every time.
	 */
	@Test
	void callbackClassesInTheDefaultLocationRunTheFrameworkSchemaEveryTime(@TempDir Path classes) throws Exception {
		Files.createDirectories(classes.resolve("db/callback"));
		Files.write(classes.resolve("db/callback/AuditCallback.class"), new byte[] { (byte) 0xCA, (byte) 0xFE });
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				getClass().getClassLoader())) {
			assertThat(
					new UnchangedMigrations(loader).fingerprint(FrameworkSchema.configuration(this.dataSource, loader)))
				.as("no fingerprint: Flyway runs, callbacks and all")
				.isEmpty();
		}
	}

	private FluentConfiguration configuration() {
		return Flyway.configure(getClass().getClassLoader())
			.dataSource(this.dataSource)
			.locations("filesystem:" + this.migrations);
	}

	/**
	 * @return how many migrations Flyway applied, 0 when it was not run or had nothing to
	 * do
	 */
	private int boot(FluentConfiguration configuration) {
		CountingFlyway flyway = new CountingFlyway(configuration);
		this.unchanged.migrate(flyway);
		return flyway.applied;
	}

	/**
	 * @return how many times Flyway was run
	 */
	private int runs(FluentConfiguration configuration) {
		CountingFlyway flyway = new CountingFlyway(configuration);
		this.unchanged.migrate(flyway);
		return flyway.runs;
	}

	/** Flyway itself, counting its runs and what they applied. */
	private static final class CountingFlyway extends Flyway {

		int runs;

		int applied;

		CountingFlyway(FluentConfiguration configuration) {
			super(configuration);
		}

		@Override
		public MigrateResult migrate() {
			this.runs++;
			MigrateResult result = super.migrate();
			this.applied += result.migrationsExecuted;
			return result;
		}

	}

}
