package studio.northwind.deskflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.docs.CatalogJson;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeskFlow's catalog as the shipped configuration serves it: the tutorial's services and
 * their parameters.
 */
class DeskFlowCatalogTests {

	private static RunningApp app;

	private static CatalogJson catalog;

	@BeforeAll
	static void start() {
		app = ShippedConfig.deskflow().start();
		catalog = CatalogJson.fetch(app, "v1");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void taskCreateRequiresATitleOf3To200Characters() {
		JsonNode title = catalog.param("task", "create", "title");
		assertThat(title.path("type").asString()).isEqualTo("string");
		assertThat(title.path("required").asBoolean()).isTrue();
		assertThat(title.path("min_length").asInt()).isEqualTo(3);
		assertThat(title.path("max_length").asInt()).isEqualTo(200);
	}

	@Test
	void taskCreateListsTheFourStatuses() {
		JsonNode status = catalog.param("task", "create", "status");
		assertThat(status.path("required").asBoolean()).isFalse();
		assertThat(status.path("allowed_values").valueStream().map(JsonNode::asString).toList()).containsExactly("open",
				"in_progress", "done", "archived");
		assertThat(catalog.param("task", "create", "assignee").path("format").asString()).isEqualTo("email");
		assertThat(catalog.param("task", "create", "project_id").path("type").asString()).isEqualTo("integer");
		assertThat(catalog.param("task", "create", "due_date").path("format").asString()).isEqualTo("date");
	}

	@Test
	void taskUpdateTakesAnOptionalTitle() {
		assertThat(catalog.param("task", "update", "id").path("required").asBoolean()).isTrue();
		JsonNode title = catalog.param("task", "update", "title");
		assertThat(title.path("required").asBoolean()).as("@TaskTitle(required = false)").isFalse();
		assertThat(title.path("max_length").asInt()).isEqualTo(200);
	}

	@Test
	void theGenericProjectServiceListsItsDeclaredColumns() {
		JsonNode create = catalog.action("project", "create");
		assertThat(create.path("body").asString()).isEqualTo("table");
		assertThat(catalog.param("project", "create", "name").path("required").asBoolean()).isTrue();
		assertThat(catalog.param("project", "create", "owner").path("required").asBoolean()).isFalse();
		assertThat(catalog.param("project", "retrieve", "id").path("required").asBoolean()).isTrue();
		assertThat(catalog.action("project", "retrieve").path("aliases").get(0).asString()).isEqualTo("details");
		assertThat(catalog.param("project", "list", "limit").path("maximum").asInt()).isPositive();
		assertThat(catalog.param("project", "list", "sort").path("description").asString()).contains("created_at");
	}

	@Test
	void actionsThatReadTheRawParametersSaySo() {
		assertThat(catalog.action("task", "list").path("body").asString()).isEqualTo("free-form");
		assertThat(catalog.action("welcome", "ping").path("body").asString()).isEqualTo("none");
	}

}
