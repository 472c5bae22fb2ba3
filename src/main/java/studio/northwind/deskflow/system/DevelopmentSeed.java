package studio.northwind.deskflow.system;

import java.util.List;
import java.util.Optional;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.security.PasswordHasher;

/**
 * Migration 2: the tutorial's people, projects and tasks, so a newcomer's first
 * {@code task.list} answers what the tutorial shows. A Spring bean, because Spring Boot
 * hands every {@link JavaMigration} bean to Flyway.
 * <p>
 * The members' password is {@value #PASSWORD_KEY} from {@code .env} (the tutorial's
 * {@code secret} in {@code .env.example}), hashed with BCrypt once, when the seed runs:
 * neither the password nor a hash is written in the repository, and nothing has to patch
 * hashes at every start-up. Without the variable the members are stored without a hash
 * and cannot log in (a warning says how to seed again).
 * <p>
 * With {@code APP_ENV=production} the migration runs but writes nothing. It is still
 * recorded, rather than left out of production, so every database has the same history:
 * Flyway never meets a missing or an out-of-order version 2 whichever environment ran
 * first (no {@code ignoreMigrationPatterns} needed), and a production database can never
 * be seeded later by a start that forgot {@code APP_ENV}.
 */
@Component
public class DevelopmentSeed implements JavaMigration {

	/** The {@code .env} variable holding the seeded members' password. */
	public static final String PASSWORD_KEY = "DESKFLOW_SEED_PASSWORD";

	private static final Logger logger = LoggerFactory.getLogger(DevelopmentSeed.class);

	private static final String ALEX = "alex@northwind.studio";

	private static final String JAMIE = "jamie@northwind.studio";

	record Member(String name, String email, String permissions) {
	}

	record Project(String name, String description, String owner) {
	}

	record Task(String title, String status, String assignee) {
	}

	static final List<Member> MEMBERS = List.of(new Member("Alex Chen", ALEX, "task.manage,project.manage"),
			new Member("Jamie", JAMIE, ""));

	static final List<Project> PROJECTS = List.of(
			new Project("Website relaunch", "The new Northwind Studio website, from mockups to launch.", ALEX),
			new Project("Client onboarding", "What every new client goes through in the first two weeks.", ALEX));

	/** The tutorial's rows exactly, filed under no project as in its schema.sql. */
	static final List<Task> TASKS = List.of(new Task("Review homepage mockups", "open", ALEX),
			new Task("Prepare sprint retro notes", "done", ALEX),
			new Task("Update client project brief", "open", JAMIE));

	private final MoonlightSettings settings;

	private final Environment environment;

	private final PasswordHasher hasher;

	DevelopmentSeed(MoonlightSettings settings, Environment environment, PasswordHasher hasher) {
		this.settings = settings;
		this.environment = environment;
		this.hasher = hasher;
	}

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("2");
	}

	@Override
	public String getDescription() {
		return "development seed";
	}

	/**
	 * No checksum: there is no script text to check, and Flyway accepts {@code null} for
	 * Java migrations.
	 */
	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) {
		if (settings.app().production()) {
			logger.info("APP_ENV is production: the development seed (migration 2) is recorded without inserting rows");
			return;
		}
		// Flyway owns this connection and its transaction: wrap it, never close or commit
		// it here.
		JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
		Optional<String> password = password();
		MEMBERS.forEach((member) -> jdbc
			.sql("INSERT INTO members (name, email, permissions, password_hash)"
					+ " VALUES (:name, :email, :permissions, :hash)")
			.param("name", member.name())
			.param("email", member.email())
			.param("permissions", member.permissions())
			.param("hash", password.map(hasher::hash).orElse(null))
			.update());
		PROJECTS.forEach((project) -> jdbc
			.sql("INSERT INTO projects (name, description, owner) VALUES (:name, :description, :owner)")
			.paramSource(project)
			.update());
		TASKS.forEach(
				(task) -> jdbc.sql("INSERT INTO tasks (title, status, assignee) VALUES (:title, :status, :assignee)")
					.paramSource(task)
					.update());
	}

	private Optional<String> password() {
		Optional<String> password = settings.files()
			.env(PASSWORD_KEY, environment::getProperty)
			.filter((value) -> !value.isBlank())
			.map(ConfigValue::value);
		if (password.isEmpty()) {
			logger.warn("{} is not set: the seeded members cannot log in. Set it in environment/.env and delete"
					+ " storage/data/ to seed again, or register a member.", PASSWORD_KEY);
		}
		return password;
	}

}
