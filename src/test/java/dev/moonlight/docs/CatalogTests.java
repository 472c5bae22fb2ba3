package dev.moonlight.docs;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/{v}/__catalog} over a real socket: services, actions, parameters and
 * access rules.
 */
class CatalogTests {

	private static RunningApp app;

	private static CatalogJson catalog;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).start();
		catalog = CatalogJson.fetch(app, "v1");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void theCatalogRouteWinsOverTheApiRouterAndAnswersAnEnvelope() {
		JsonNode envelope = catalog.envelope();
		assertThat(List.copyOf(envelope.propertyNames())).as("the four envelope keys, in order")
			.containsExactly("returnCode", "returnMessage", "returnData", "extraData");
		assertThat(envelope.path("returnCode").asInt()).isZero();
		assertThat(envelope.path("returnData").path("version").asString()).isEqualTo("v1");
		assertThat(envelope.path("returnData").path("endpoint").asString()).isEqualTo("/api/v1/");
		assertThat(envelope.path("returnData").path("services").findValuesAsString("service"))
			.as("every service, sorted by alias")
			.containsSubsequence("notes", "reports", "slow");
	}

	@Test
	void anActionNamesItsPathHandlerAndAliases() {
		JsonNode create = catalog.action("notes", "create");
		assertThat(create.path("path").asString()).isEqualTo("/api/v1/notes/create");
		assertThat(create.path("handler").asString()).isEqualTo("dev.moonlight.testapp.NotesService#create");
		assertThat(create.path("body").asString()).isEqualTo("record");
		assertThat(create.path("params_type").asString()).isEqualTo("dev.moonlight.testapp.NoteParams");
		assertThat(catalog.action("notes", "list_auth").path("path").asString()).as("declared names are snake_case")
			.isEqualTo("/api/v1/notes/list_auth");
		assertThat(catalog.action("notes", "echo").path("body").asString()).isEqualTo("free-form");
		assertThat(catalog.action("notes", "nothing").path("body").asString()).isEqualTo("none");
	}

	@Test
	void parametersCarryTheirSnakeCaseNamesTypesAndConstraints() {
		JsonNode title = catalog.param("notes", "create", "title");
		assertThat(title.path("type").asString()).isEqualTo("string");
		assertThat(title.path("required").asBoolean()).isTrue();
		assertThat(title.path("min_length").asInt()).isEqualTo(3);
		assertThat(title.path("max_length").asInt()).isEqualTo(20);
		JsonNode priority = catalog.param("notes", "create", "priority");
		assertThat(priority.path("type").asString()).isEqualTo("integer");
		assertThat(priority.path("required").asBoolean()).isFalse();
		assertThat(priority.path("minimum").asInt()).isEqualTo(1);
		assertThat(priority.path("maximum").asInt()).isEqualTo(5);
		assertThat(catalog.param("notes", "create", "due_date").path("format").asString()).isEqualTo("date");
		assertThat(catalog.param("notes", "create", "author_name").path("required").asBoolean()).isTrue();
	}

	@Test
	void enumsEmailsDecimalsArraysAndComposedConstraintsAreDescribed() {
		assertThat(values(catalog.param("reports", "read", "kind").path("allowed_values"))).containsExactly("DAILY",
				"WEEKLY");
		assertThat(catalog.param("reports", "read", "recipient").path("format").asString()).isEqualTo("email");
		JsonNode weight = catalog.param("reports", "read", "weight");
		assertThat(weight.path("minimum").decimalValue()).isEqualByComparingTo("0.5");
		assertThat(weight.path("exclusive_maximum").decimalValue()).isEqualByComparingTo("10");
		assertThat(catalog.param("reports", "read", "copies").path("exclusive_minimum").asInt()).isZero();
		JsonNode tags = catalog.param("reports", "read", "tags");
		assertThat(tags.path("type").asString()).isEqualTo("array");
		assertThat(tags.path("max_items").asInt()).isEqualTo(5);
		assertThat(tags.path("items").path("required").asBoolean()).as("List<@NotBlank String>").isTrue();
		JsonNode region = catalog.param("reports", "read", "region");
		assertThat(region.path("pattern").asString()).as("read through the composing @Pattern").isEqualTo("[A-Z]+");
		assertThat(region.path("min_length").asInt()).isEqualTo(3);
		assertThat(region.path("max_length").asInt()).isEqualTo(3);
		assertThat(values(region.path("constraints"))).containsExactly("RegionCode", "Pattern", "Size");
		JsonNode period = catalog.param("reports", "read", "period");
		assertThat(period.path("type").asString()).isEqualTo("object");
		assertThat(period.path("fields").get(0).path("name").asString()).isEqualTo("from");
		assertThat(period.path("fields").get(0).path("required").asBoolean()).as("@Valid cascades").isTrue();
	}

	@Test
	void accessRulesComeFromTheSecurityMarks() {
		assertAuth("summary", false, List.of(), List.of());
		assertAuth("mine", true, List.of(), List.of());
		assertAuth("read", true, List.of("reports.read"), List.of());
		assertAuth("write", true, List.of("reports.write", "reports.audit"), List.of());
		assertAuth("purge", true, List.of(), List.of("reports.admin", "reports.owner"));
		assertAuth("nothing", false, List.of(), List.of(), "notes");
	}

	@Test
	void anUnknownVersionIsLeftToTheApiRouter() {
		app.client()
			.get()
			.uri("/api/v9/__catalog")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("The page you requested was not found.");
		app.client()
			.post()
			.uri("/api/v1/__catalog")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void theOverviewSaysWhereTheDocsAre() {
		app.client()
			.get()
			.uri("/api/v1/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.docs")
			.isEqualTo("/docs");
	}

	@Test
	void theOpenApiDocumentAsksForABearerTokenWhereALoginIsNeeded() {
		JsonNode paths = CatalogJson.parse(app.text("/docs/openapi.json")).path("paths");
		JsonNode read = paths.path("/api/v1/reports/read").path("post");
		assertThat(read.path("security").get(0).has("bearerAuth")).isTrue();
		assertThat(values(read.path("x-moonlight-permissions").path("all_of"))).containsExactly("reports.read");
		assertThat(read.path("responses").has("401")).isTrue();
		assertThat(read.path("responses").has("403")).isTrue();
		JsonNode summary = paths.path("/api/v1/reports/summary").path("post");
		assertThat(summary.has("security")).as("a public action needs no token").isFalse();
		assertThat(summary.has("requestBody")).as("an action without parameters has no body").isFalse();
	}

	private static void assertAuth(String action, boolean login, List<String> allOf, List<String> anyOf) {
		assertAuth(action, login, allOf, anyOf, "reports");
	}

	private static void assertAuth(String action, boolean login, List<String> allOf, List<String> anyOf,
			String service) {
		JsonNode auth = catalog.action(service, action).path("auth");
		assertThat(auth.path("login_required").asBoolean()).as(service + "." + action + " login").isEqualTo(login);
		assertThat(values(auth.path("all_of"))).as(service + "." + action + " all of").isEqualTo(allOf);
		assertThat(values(auth.path("any_of"))).as(service + "." + action + " any of").isEqualTo(anyOf);
	}

	static List<String> values(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
