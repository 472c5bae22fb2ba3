package dev.moonlight.security;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

/**
 * The marks of {@code VaultService}, over the wire, with tokens from the built-in JWT
 * backend.
 */
class SecurityMarksTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.settings("[app_authentications]\njwt = dev.moonlight.security.JwtAuthentication\n")
			.dotEnv("JWT_SECRET=" + TestTokens.SECRET + "\n")
			.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static WebTestClient.ResponseSpec call(String action, String body, List<String> permissions) {
		WebTestClient.RequestBodySpec request = app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON);
		if (permissions != null) {
			request = request.header("Authorization",
					"Bearer " + TestTokens.hs256(TestTokens.claims("42", permissions).build()));
		}
		return request.bodyValue("{\"service\":\"vault\",\"action\":\"" + action + "\"" + body + "}").exchange();
	}

	private static void expect(WebTestClient.ResponseSpec response, int status, String message) {
		response.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(status)
			.jsonPath("$.returnMessage")
			.isEqualTo(message);
	}

	@Test
	void exceptListsExemptActionsInAnySpelling() {
		call("peek", "", null).expectStatus().isOk().expectBody().jsonPath("$.returnData").isEqualTo("public");
		call("look", "", null).expectStatus().isOk().expectBody().jsonPath("$.returnData").isEqualTo("also public");
	}

	@Test
	void aServiceMarkNeedsALoginFirst() {
		expect(call("whoami", "", null), 401, AccessRule.LOGIN_REQUIRED);
		expect(call("read", "", null), 401, AccessRule.LOGIN_REQUIRED);
		call("whoami", "", List.of("x")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.id")
			.isEqualTo("42")
			.jsonPath("$.returnData.name")
			.isEqualTo("42@example.test")
			.jsonPath("$.returnData.permissions[0]")
			.isEqualTo("x");
	}

	@Test
	void aMissingPermissionIs403WithPioniasMessage() {
		expect(call("read", "", List.of("vault.write")), 403, AccessRule.PERMISSION_MISSING);
		call("read", "", List.of("vault.read")).expectStatus().isOk();
	}

	@Test
	void actionMarksReplaceTheServicesPermissionMarks() {
		call("write", ",\"title\":\"Hello\",\"author_name\":\"A\"", List.of("vault.write")).expectStatus().isOk();
		expect(call("write", ",\"title\":\"Hello\",\"author_name\":\"A\"", List.of("vault.read")), 403,
				AccessRule.PERMISSION_MISSING);
	}

	@Test
	void marksAreCheckedBeforeValidation() {
		expect(call("write", "", null), 401, AccessRule.LOGIN_REQUIRED);
		expect(call("write", "", List.of("nothing")), 403, AccessRule.PERMISSION_MISSING);
		call("write", "", List.of("vault.write")).expectStatus().isEqualTo(422);
	}

	@Test
	void canAnyNeedsOneOfItsPermissionsAndKeepsItsMessage() {
		expect(call("any_key", "", List.of("vault.read")), 403, "Only owners or admins");
		call("any_key", "", List.of("vault.owner")).expectStatus().isOk();
		call("anyKey", "", List.of("vault.admin")).expectStatus().isOk();
	}

	@Test
	void repeatedCanMarksAreAllRequired() {
		expect(call("strict", "", List.of("vault.read")), 403, AccessRule.PERMISSION_MISSING);
		call("strict", "", List.of("vault.read", "vault.audit")).expectStatus().isOk();
	}

	@Test
	void anActionsAuthenticatedMarkMayReplaceTheMessage() {
		expect(call("open_up", "", null), 401, "Log in to open up");
		call("open_up", "", List.of()).expectStatus().isOk();
	}

}
