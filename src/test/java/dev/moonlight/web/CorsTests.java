package dev.moonlight.web;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CORS from {@code [cors]}: the one matching origin echoed, preflights answered without
 * dispatch (the preflight below targets an action that would fail with 500 if it ran),
 * other origins refused.
 */
class CorsTests {

	private static final String VITE = "http://localhost:5173";

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[cors]
				allowed_origins = "http://localhost:5173, http://127.0.0.1:5173"
				allowed_methods = "GET, POST, OPTIONS"
				max_age = 600
				""").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredWithoutDispatch() {
		app.client()
			.options()
			.uri("/api/v1/notes/broken")
			.header(HttpHeaders.ORIGIN, VITE)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, VITE)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET,POST,OPTIONS")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "authorization, content-type")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
			.expectHeader()
			.values(HttpHeaders.VARY, (vary) -> assertThat(vary).contains("Origin"))
			.expectBody()
			.isEmpty();
	}

	@Test
	void onlyTheMatchingOriginIsEchoedNeverTheList() {
		app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ORIGIN, "http://127.0.0.1:5173")
			.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://127.0.0.1:5173")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "X-Request-Id")
			.expectHeader()
			.values(HttpHeaders.VARY, (vary) -> assertThat(vary).contains("Origin"))
			.expectHeader()
			.exists("X-Request-Id");
	}

	@Test
	void errorsCarryTheHeadersToo() {
		app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ORIGIN, VITE)
			.bodyValue("{\"service\":\"nope\",\"action\":\"x\"}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, VITE);
	}

	@Test
	void anotherOriginIsRefusedWithoutAllowOrigin() {
		app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody()
			.json("{\"returnCode\":403,\"returnMessage\":\"Cross-origin request refused: this origin is not allowed.\","
					+ "\"returnData\":null,\"extraData\":null}", true);
		app.client()
			.options()
			.uri("/api/v1/")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void sameOriginCallsWithoutAnOriginHeaderAreServed() {
		app.call("{\"service\":\"notes\",\"action\":\"echo\"}")
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	/**
	 * Issue 12, finding 9: a bare {@code [cors]} (allowed origins default to {@code *})
	 * echoed any origin with {@code Allow-Credentials: true}. Now {@code *} is answered
	 * as a literal {@code *} and never with credentials.
	 */
	@Test
	void aBareSectionAllowsAnyOriginOnlyWithoutCredentials() {
		try (RunningApp bare = RunningApp.of(TestApplication.class).settings("[cors]\n").start()) {
			bare.client()
				.post()
				.uri("/api/v1/")
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ORIGIN, "https://evil.example")
				.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
			bare.client()
				.options()
				.uri("/api/v1/")
				.header(HttpHeaders.ORIGIN, "https://evil.example")
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
				.exchange()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
		}
	}

	@Test
	void anyOriginWithCredentialsFailsTheBootNamingTheKey() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
			.settings("[cors]\nallowed_origins = *\ncredentials = true\n")
			.start()).rootCause()
			.hasMessageContaining("environment/settings.ini:3: [cors] credentials")
			.hasMessageContaining("credentials cannot be true while allowed_origins is *");
	}

	@Test
	void originsMayBeListedOneALine() {
		try (RunningApp listed = RunningApp.of(TestApplication.class)
			.settings("[cors]\nALLOWED_ORIGINS[] = https://northwind.studio\nALLOWED_ORIGINS[] = \"" + VITE + "\"\n")
			.start()) {
			listed.client()
				.post()
				.uri("/api/v1/")
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ORIGIN, VITE)
				.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, VITE)
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
			listed.client()
				.post()
				.uri("/api/v1/")
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ORIGIN, "https://evil.example")
				.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		}
	}

	@Test
	void withoutTheSectionThereAreNoCorsHeaders() {
		try (RunningApp plain = RunningApp.of(TestApplication.class).start()) {
			plain.client()
				.get()
				.uri("/api/v1/ping")
				.header(HttpHeaders.ORIGIN, VITE)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
				.expectHeader()
				.doesNotExist(HttpHeaders.VARY);
		}
	}

	/**
	 * An origin that is no origin (a bracket left open, a port past any number) is
	 * nobody's: refused even where any origin is allowed, and the server keeps serving.
	 */
	@Test
	void anUnreadableOriginIsRefusedEvenWhereAnyOriginIsAllowed() {
		try (RunningApp bare = RunningApp.of(TestApplication.class).settings("[cors]\n").start()) {
			for (String origin : List.of("http://a:99999999999", "http://a:{x}")) {
				RawHttp.Response refused = RawHttp
					.send(bare.port(), "POST /api/v1/ HTTP/1.1\r\nHost: a\r\nOrigin: " + origin
							+ "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
				assertThat(refused.status()).as(origin).isEqualTo(403);
				assertThat(refused.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).as(origin).isNull();
				assertThat(refused.body()).as(origin)
					.contains(
							"\"returnMessage\":\"Cross-origin request refused: the Origin header is not an origin.\"");
			}
			assertThat(RawHttp.get(bare.port(), "/api/v1/ping").status()).isEqualTo(200);
		}
	}

}
