package studio.northwind.deskflow.system;

import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration 2: the tutorial's people, projects and tasks, so a newcomer's first {@code task.list} answers what the
 * tutorial shows. A Spring bean, because Spring Boot hands every {@link JavaMigration} bean to Flyway. Password
 * hashes stay {@code NULL} here: they are secrets, set from {@code .env} at start-up, never stored in a migration.
 */
@Component
public class DevelopmentSeed implements JavaMigration {

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
			new Task("Prepare sprint retro notes", "done", ALEX), new Task("Update client project brief", "open", JAMIE));

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("2");
	}

	@Override
	public String getDescription() {
		return "development seed";
	}

	/** No checksum: there is no script text to check, and Flyway accepts {@code null} for Java migrations. */
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
		// Flyway owns this connection and its transaction: wrap it, never close or commit it here.
		JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
		MEMBERS.forEach((member) -> jdbc
			.sql("INSERT INTO members (name, email, permissions) VALUES (:name, :email, :permissions)")
			.paramSource(member)
			.update());
		PROJECTS.forEach((project) -> jdbc
			.sql("INSERT INTO projects (name, description, owner) VALUES (:name, :description, :owner)")
			.paramSource(project)
			.update());
		TASKS.forEach((task) -> jdbc
			.sql("INSERT INTO tasks (title, status, assignee) VALUES (:title, :status, :assignee)")
			.paramSource(task)
			.update());
	}

}
