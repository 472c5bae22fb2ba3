package dev.moonlight.config;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.config.DatabaseSettings.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseResolverTests {

	@TempDir
	Path dir;

	private TestProject project;

	@BeforeEach
	void project() {
		this.project = TestProject.in(this.dir);
	}

	@Test
	void defaultIsAnH2FileUnderStorageData() {
		DatabaseSettings database = this.project.load().database();
		String file = this.dir.toAbsolutePath().normalize().resolve("storage/data/moonlight").toString();
		assertThat(database).isEqualTo(new DatabaseSettings(Kind.H2, "jdbc:h2:file:" + file
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
				"sa", ""));
	}

	@Test
	void jdbcDatabaseUrlIsUsedAsIs() {
		this.project.dotEnv("DATABASE_URL=jdbc:postgresql://db.northwind.studio:5433/deskflow?user=app&password=pw\n");
		assertThat(this.project.load().database()).as("credentials stay in the JDBC URL")
			.isEqualTo(new DatabaseSettings(Kind.POSTGRESQL,
					"jdbc:postgresql://db.northwind.studio:5433/deskflow?user=app&password=pw", null, null));
		this.project.env("DATABASE_URL", "jdbc:h2:mem:test");
		assertThat(this.project.load().database()).as("the process environment wins over .env")
			.isEqualTo(
					new DatabaseSettings(Kind.H2, "jdbc:h2:mem:test;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", ""));
	}

	@Test
	void anH2UrlKeepsTheDurabilitySettingsItNames() {
		this.project.env("DATABASE_URL", "jdbc:h2:file:/srv/deskflow;write_delay=500");
		assertThat(this.project.load().database().jdbcUrl()).as("an explicit write delay is the user's choice")
			.isEqualTo("jdbc:h2:file:/srv/deskflow;write_delay=500;DB_CLOSE_ON_EXIT=FALSE");
		this.project.env("DATABASE_URL", "jdbc:h2:file:/srv/deskflow;AUTO_SERVER=TRUE");
		assertThat(this.project.load().database().jdbcUrl()).as("H2 refuses DB_CLOSE_ON_EXIT=FALSE in server mode")
			.isEqualTo("jdbc:h2:file:/srv/deskflow;AUTO_SERVER=TRUE;WRITE_DELAY=0");
	}

	@Test
	void postgresUrlIsSplitIntoJdbcUrlAndDecodedCredentials() {
		this.project.env("DATABASE_URL",
				"postgres://desk%40flow:p%40ss%3Aw%2Frd+1@db.internal/deskflow?sslmode=disable");
		assertThat(this.project.load().database()).as("user info is percent-decoded, port defaults to 5432, query kept")
			.isEqualTo(new DatabaseSettings(Kind.POSTGRESQL,
					"jdbc:postgresql://db.internal:5432/deskflow?sslmode=disable", "desk@flow", "p@ss:w/rd+1"));
	}

	@Test
	void postgresqlSchemeWithIpv6HostAndPort() {
		this.project.env("DATABASE_URL", "postgresql://app:secret@[::1]:6432/deskflow");
		assertThat(this.project.load().database().jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6432/deskflow");
	}

	@Test
	void badPostgresUrlNeverPrintsThePassword() {
		this.project.dotEnv("DATABASE_URL=postgres://app:hunter2@db:54x2/deskflow\n");
		this.project.failsToLoad()
			.withMessage("environment/.env:1: DATABASE_URL = \"postgres://app:******@db:54x2/deskflow\": "
					+ "Port must be a whole number between 1 and 65535.");
	}

	@Test
	void unsupportedDatabaseUrlIsRejected() {
		this.project.env("DATABASE_URL", "mysql://root:pw@localhost/deskflow");
		this.project.failsToLoad()
			.withMessage("process environment: DATABASE_URL = \"mysql://root:******@localhost/deskflow\": "
					+ "Unsupported database URL; use jdbc:postgresql:, jdbc:h2:, postgres:// or postgresql://.");
	}

	@Test
	void dbSectionWithPioniaKeysBuildsAPostgresUrl() {
		this.project.ini("[db]\ndatabase_type = pgsql\ndatabase_name = deskflow\nserver = db.internal\nport = 5433\n"
				+ "username = desk\npassword = from-ini\n");
		assertThat(this.project.load().database()).isEqualTo(new DatabaseSettings(Kind.POSTGRESQL,
				"jdbc:postgresql://db.internal:5433/deskflow", "desk", "from-ini"));
		this.project.dotEnv("DB_PASSWORD=from-env\n");
		assertThat(this.project.load().database().password()).as("DB_PASSWORD keeps the secret out of settings.ini")
			.isEqualTo("from-env");
	}

	@Test
	void dbSectionShortKeysAndDefaults() {
		this.project.ini("[db]\ntype = postgres\ndatabase = deskflow\n");
		assertThat(this.project.load().database())
			.isEqualTo(new DatabaseSettings(Kind.POSTGRESQL, "jdbc:postgresql://localhost:5432/deskflow", null, null));
	}

	@Test
	void dbSectionH2NamesAFileInTheProjectOrAnH2Url() {
		this.project.ini("[db]\ntype = h2\ndatabase_name = storage/data/custom\n");
		assertThat(this.project.load().database().jdbcUrl()).startsWith("jdbc:h2:file:"
				+ this.dir.toAbsolutePath().normalize().resolve("storage/data/custom") + ";MODE=PostgreSQL");
		this.project.ini("[db]\ntype = h2\ndatabase_name = mem:deskflow\n");
		assertThat(this.project.load().database().jdbcUrl()).startsWith("jdbc:h2:mem:deskflow;MODE=PostgreSQL");
	}

	@Test
	void dbSectionUrlKey() {
		this.project.ini("[db]\nurl = postgres://app@db/deskflow\npassword = pw\n");
		assertThat(this.project.load().database())
			.isEqualTo(new DatabaseSettings(Kind.POSTGRESQL, "jdbc:postgresql://db:5432/deskflow", "app", "pw"));
	}

	@Test
	void unsupportedTypeListsTheSupportedValues() {
		this.project.ini("[db]\n; Pionia default\ndatabase_type = mysql\ndatabase_name = deskflow\n");
		this.project.failsToLoad()
			.withMessage("environment/settings.ini:3: [db] database_type = \"mysql\": "
					+ "Unsupported database type; supported values: pgsql, postgres, postgresql, h2.");
	}

	@Test
	void postgresWithoutDatabaseNameIsRejected() {
		this.project.ini("[db]\ntype = pgsql\n");
		this.project.failsToLoad()
			.withMessage("environment/settings.ini: [db] database_name: "
					+ "Name the PostgreSQL database with database_name (or database).");
	}

	@Test
	void databaseUrlBeatsTheDbSection() {
		this.project.ini("[db]\ntype = mysql\n").env("DATABASE_URL", "jdbc:h2:mem:x");
		assertThat(this.project.load().database().kind()).isEqualTo(Kind.H2);
	}

	@Test
	void toStringMasksThePassword() {
		assertThat(new DatabaseSettings(Kind.POSTGRESQL, "jdbc:postgresql://db/x", "u", "secret").toString())
			.doesNotContain("secret");
	}

}
