package studio.northwind.deskflow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import studio.northwind.deskflow.project.ProjectService;
import studio.northwind.deskflow.task.CreateTaskParams;
import studio.northwind.deskflow.task.Task;
import studio.northwind.deskflow.task.TaskService;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.northwind.deskflow.SeededCallers.ALEX;

/**
 * The same schema, seed and services on the machine's PostgreSQL (run with
 * {@code -Ppostgres}). Each run migrates a fresh schema and drops it afterwards, so the
 * database is left as it was found. The connection comes from
 * {@code DESKFLOW_TEST_POSTGRES_URL}, {@code _USER} and {@code _PASSWORD}, defaulting to
 * a local trust login.
 */
@Tag("postgres")
@DeskFlowDataTest
class DeskFlowDataPostgresTests {

	private static final String URL = env("DESKFLOW_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

	private static final String USER = env("DESKFLOW_TEST_POSTGRES_USER", "postgres");

	private static final String PASSWORD = env("DESKFLOW_TEST_POSTGRES_PASSWORD", "");

	private static final String SCHEMA = "deskflow_test_" + UUID.randomUUID().toString().substring(0, 8);

	private static final String ISO_INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private TaskService tasks;

	@Autowired
	private ProjectService projects;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
		registry.add("spring.flyway.schemas", () -> SCHEMA);
		registry.add("spring.flyway.default-schema", () -> SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			// The name is generated above, never from input.
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Test
	void theSeededTutorialTasksAreListed() {
		@SuppressWarnings("unchecked")
		List<Task> listed = (List<Task>) tasks.list(params("{\"status\": \"open\"}")).get("tasks");
		assertThat(listed).extracting(Task::title)
			.containsExactly("Review homepage mockups", "Update client project brief");
	}

	@Test
	void aTaskIsCreatedWithItsGeneratedIdAndTimestamps() {
		CreateTaskParams params = new CreateTaskParams("Ship DeskFlow docs", null, null, null, 1L, null);
		Task task = (Task) ((Map<?, ?>) tasks.create(params, ALEX).toCompletableFuture().join().returnData())
			.get("task");
		assertThat(task.id()).isGreaterThan(3L);
		assertThat(task.projectId()).isEqualTo(1L);
		assertThat(task.createdAt()).isNotNull();
	}

	@Test
	void theGenericServiceCoercesTextKeysAndAnswersIsoTimestamps() {
		Map<String, Object> project = projects.retrieve(params("{\"id\": \"1\"}"));
		assertThat(project).containsEntry("id", 1L).containsEntry("name", "Website relaunch");
		assertThat((String) project.get("created_at")).matches(ISO_INSTANT);
		Map<String, Object> created = projects.create(params("{\"name\": \"Brand refresh\"}"), ALEX);
		assertThat((Long) created.get("id")).isGreaterThan(2L);
		@SuppressWarnings("unchecked")
		Map<String, Object> page = (Map<String, Object>) projects
			.list(params("{\"limit\": \"1\", \"owner\": \"alex@northwind.studio\"}"));
		// The two seeded projects and the new one: a project without a named owner is its
		// creator's.
		assertThat(created).containsEntry("owner", "alex@northwind.studio");
		assertThat(page).containsEntry("total_count", 3L).containsEntry("next_offset", 1L);
	}

	private static ObjectNode params(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
