package studio.northwind.deskflow.system;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.security.PasswordHasher;
import studio.northwind.deskflow.DeskFlowDataTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The schema and seed as Spring Boot's Flyway applies them at start-up. */
@DeskFlowDataTest
class DevelopmentSeedTests {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordHasher hasher;

	@Test
	void flywayAppliedTheSchemaAndTheSeedBean() {
		List<Map<String, Object>> history = jdbc.sql(
				"SELECT version, description, type FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
			.query()
			.listOfRows();
		assertThat(history)
			.extracting((row) -> row.get("version") + " " + row.get("description") + " " + row.get("type"))
			.containsExactly("1 deskflow schema SQL", "2 development seed JDBC", "3 mail outbox SQL");
	}

	@Test
	void membersAreAlexAndJamieWithTheSeedPasswordHashed() {
		List<Map<String, Object>> members = jdbc
			.sql("SELECT name, email, permissions, password_hash FROM members ORDER BY id")
			.query()
			.listOfRows();
		assertThat(members).extracting((row) -> row.get("email"))
			.containsExactly("alex@northwind.studio", "jamie@northwind.studio");
		assertThat(members.get(0)).containsEntry("name", "Alex Chen")
			.containsEntry("permissions", "task.manage,project.manage");
		assertThat(members.get(1)).containsEntry("permissions", "");
		assertThat(members).as("DESKFLOW_SEED_PASSWORD, hashed with BCrypt when the seed ran")
			.allSatisfy((row) -> assertThat((String) row.get("password_hash")).startsWith("$2")
				.satisfies((hash) -> assertThat(hasher.matches(DeskFlowDataTest.SEED_PASSWORD, hash)).isTrue()));
		assertThat(members.get(0).get("password_hash")).as("each member has its own salt")
			.isNotEqualTo(members.get(1).get("password_hash"));
	}

	@Test
	void twoProjectsOwnedByAlex() {
		assertThat(jdbc.sql("SELECT name, owner FROM projects ORDER BY id").query().listOfRows())
			.extracting((row) -> row.get("name") + " / " + row.get("owner"))
			.containsExactly("Website relaunch / alex@northwind.studio", "Client onboarding / alex@northwind.studio");
	}

	@Test
	void theThreeTutorialTasksExactly() {
		assertThat(
				jdbc.sql("SELECT id, title, status, assignee, project_id FROM tasks ORDER BY id").query().listOfRows())
			.extracting((row) -> row.get("id") + " " + row.get("title") + " " + row.get("status") + " "
					+ row.get("assignee") + " " + row.get("project_id"))
			.containsExactly("1 Review homepage mockups open alex@northwind.studio null",
					"2 Prepare sprint retro notes done alex@northwind.studio null",
					"3 Update client project brief open jamie@northwind.studio null");
	}

	@Test
	void theStatusCheckRejectsAnUnknownStatus() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> jdbc.sql("INSERT INTO tasks (title, status) VALUES ('x', 'later')").update());
	}

}
