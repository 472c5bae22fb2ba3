package dev.moonlight.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backends of {@code [app_authentications]} run in file order; the first that
 * recognises the call wins.
 */
class AuthenticationChainTests {

	private static RunningApp start(String section) {
		return RunningApp.of(TestApplication.class)
			.settings("[app_authentications]\n" + section)
			.dotEnv("JWT_SECRET=" + TestTokens.SECRET + "\n")
			.start();
	}

	private static String whoami(RunningApp app, String apiKey) {
		String token = TestTokens.hs256(TestTokens.claims("7", List.of()).build());
		return app.client()
			.post()
			.uri("/api/v1/vault/whoami")
			.header("Authorization", "Bearer " + token)
			.header("X-Api-Key", apiKey)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void theFirstBackendThatRecognisesTheCallWins() {
		try (RunningApp app = start("api_key = dev.moonlight.testapp.ApiKeyBackend\njwt =\n")) {
			assertThat(whoami(app, "reports-key")).contains("\"id\":\"robot\"");
			assertThat(whoami(app, "other")).contains("\"id\":\"7\"");
		}
		try (RunningApp app = start("jwt = dev.moonlight.security.JwtAuthentication\n"
				+ "api_key = dev.moonlight.testapp.ApiKeyBackend\n")) {
			assertThat(whoami(app, "reports-key")).contains("\"id\":\"7\"");
		}
	}

	@Test
	void aFailingBackendIsSkippedNotFatal() {
		try (RunningApp app = start("api_key = dev.moonlight.testapp.ApiKeyBackend\njwt = jwt\n")) {
			assertThat(whoami(app, "broken")).contains("\"id\":\"7\"");
			app.client()
				.post()
				.uri("/api/v1/vault/whoami")
				.header("X-Api-Key", "broken")
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

}
