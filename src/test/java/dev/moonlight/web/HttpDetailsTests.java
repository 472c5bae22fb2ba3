package dev.moonlight.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What clients notice on answers outside dispatch: every answer carries an
 * {@code X-Request-Id}, a page that fails is an envelope (or a page for a browser) rather
 * than Spring's error body, a browser opening the API's root is sent to the docs, and
 * with gzip on every compressible answer varies by {@code Accept-Encoding}.
 */
class HttpDetailsTests {

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(WithPages.class).start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static RawHttp.Response get(RunningApp server, String target, String... headers) {
		return RawHttp.send(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ String.join("", headers) + "Connection: close\r\n\r\n");
	}

	@Test
	void anUnknownPageIsA404EnvelopeWithTheRequestId() {
		RawHttp.Response answer = get(app, "/nothing/here", "X-Request-Id: page-404\r\n");
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header("X-Request-Id")).isEqualTo("page-404");
		assertThat(answer.header(HttpHeaders.CONTENT_TYPE)).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
		assertThat(answer.body())
			.isEqualTo("{\"returnCode\":404,\"returnMessage\":\"The page you requested was not found.\","
					+ "\"returnData\":null,\"extraData\":null}");
	}

	@Test
	void aBrowserGetsTheSameAnswerAsAPage() {
		RawHttp.Response answer = get(app, "/nothing", "Accept: " + BROWSER + "\r\n");
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header(HttpHeaders.CONTENT_TYPE)).startsWith(MediaType.TEXT_HTML_VALUE);
		assertThat(answer.body()).contains("<h1>404</h1>").contains("The page you requested was not found.");
		assertThat(answer.header("X-Request-Id")).matches("[0-9a-f]{16}");
	}

	@Test
	void aPageRouteWithoutTheMethodIsA405EnvelopeNamingTheAllowedOnes() {
		RawHttp.Response answer = RawHttp.send(app.port(),
				"DELETE /pages/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.header(HttpHeaders.ALLOW)).contains("GET");
		assertThat(answer.body()).startsWith("{\"returnCode\":405,\"returnMessage\":\"Method not allowed. Try: GET");
		assertThat(answer.header("X-Request-Id")).isNotBlank();
	}

	@Test
	void aPageThatFailsIsA500EnvelopeWithoutItsCause() {
		RawHttp.Response answer = get(app, "/pages/broken");
		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.body()).isEqualTo("{\"returnCode\":500,\"returnMessage\":\"An unexpected error occurred.\","
				+ "\"returnData\":null,\"extraData\":null}");
		assertThat(answer.body()).doesNotContain("the disk is on fire");
		assertThat(get(app, "/pages/hello").body()).as("the server keeps serving").isEqualTo("hello");
	}

	@Test
	void aPageHandlersMoonlightExceptionKeepsItsStatusAndHeadersSetBeforeTheFailureStay() {
		RawHttp.Response answer = get(app, "/pages/busy");
		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.header(HttpHeaders.RETRY_AFTER)).as("the exception's own header").isEqualTo("30");
		assertThat(answer.header("X-Set-Before")).as("a header set before the failure").isEqualTo("kept");
		assertThat(answer.body()).isEqualTo(
				"{\"returnCode\":503,\"returnMessage\":\"Back in a moment\",\"returnData\":null,\"extraData\":null}");
		assertThat(answer.header(HttpHeaders.VARY)).as("JSON or a page, by Accept").isEqualTo(HttpHeaders.ACCEPT);
	}

	@Test
	void healthReadyAndPagesCarryTheRequestId() {
		for (String path : List.of("/health", "/ready", "/pages/hello")) {
			assertThat(get(app, path, "X-Request-Id: probe-7\r\n").header("X-Request-Id")).as(path)
				.isEqualTo("probe-7");
			assertThat(get(app, path, "X-Request-Id: bad id\r\n").header("X-Request-Id")).as(path)
				.matches("[0-9a-f]{16}");
		}
	}

	@Test
	void theMaintenance503OfAPageCarriesTheRequestId() {
		try (RunningApp down = RunningApp.of(WithPages.class)
			.settings("[maintenance]\nENABLED = true\nMESSAGE = \"Back soon\"\n")
			.start()) {
			RawHttp.Response answer = get(down, "/pages/hello", "X-Request-Id: during-upgrade\r\n");
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.header("X-Request-Id")).isEqualTo("during-upgrade");
		}
	}

	@Test
	void aBrowserOpeningTheApiRootIsSentToTheDocsWithItsToken() {
		try (RunningApp docs = RunningApp.of(TestApplication.class)
			.settings("[docs]\nENABLED = true\nTOKEN = \"s3cret-token\"\n")
			.start()) {
			RawHttp.Response answer = get(docs, "/api/v1/?token=s3cret-token&x=1", "Accept: " + BROWSER + "\r\n");
			assertThat(answer.status()).isEqualTo(302);
			assertThat(answer.header(HttpHeaders.LOCATION)).isEqualTo("/docs?token=s3cret-token");
			assertThat(get(docs, "/api/v1/", "Accept: " + BROWSER + "\r\n").header(HttpHeaders.LOCATION))
				.isEqualTo("/docs");
			RawHttp.Response json = get(docs, "/api/v1/", "Accept: application/json\r\n");
			assertThat(json.status()).as("an API client still gets the overview").isEqualTo(200);
			assertThat(json.header(HttpHeaders.VARY)).as("a cache must not hand it to a browser")
				.isEqualTo(HttpHeaders.ACCEPT);
			assertThat(
					get(docs, "/api/v1/?token=a%2Bb%26c", "Accept: " + BROWSER + "\r\n").header(HttpHeaders.LOCATION))
				.as("the token reads the same at /docs")
				.isEqualTo("/docs?token=a%2Bb%26c");
			assertThat(json.body()).contains("\"returnMessage\":\"Moonlight API\"");
			assertThat(get(docs, "/api/v1/").status()).as("curl's */* too").isEqualTo(200);
		}
	}

	@Test
	void withoutDocsABrowserOpeningTheApiRootGetsAPageSayingHowToCallIt() {
		try (RunningApp bare = RunningApp.of(TestApplication.class).property("DOCS_ENABLED=false").start()) {
			RawHttp.Response answer = get(bare, "/api/v1/", "Accept: " + BROWSER + "\r\n");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.header(HttpHeaders.CONTENT_TYPE)).startsWith(MediaType.TEXT_HTML_VALUE);
			assertThat(answer.body()).contains("POST /api/v1/").contains("docs are off");
		}
	}

	@Test
	void withGzipEveryCompressibleAnswerVariesByAcceptEncoding() {
		try (RunningApp gzip = RunningApp.of(WithPages.class).rrYaml("http:\n  middleware: [\"gzip\"]\n").start()) {
			RawHttp.Response api = get(gzip, "/api/v1/ping");
			assertThat(api.head()).as("an API answer, not compressed for this client")
				.containsIgnoringCase("Vary: Accept-Encoding");
			RawHttp.Response page = get(gzip, "/health", "Accept-Encoding: gzip\r\n");
			assertThat(page.head()).containsIgnoringCase("Vary: Accept-Encoding");
			RawHttp.Response missing = get(gzip, "/nothing");
			assertThat(missing.head()).as("the error envelope too").containsIgnoringCase("Vary: Accept-Encoding");
		}
		assertThat(get(app, "/api/v1/ping").head()).as("gzip off: nothing varies by encoding")
			.doesNotContainIgnoringCase("Accept-Encoding");
	}

	@RestController
	static class Pages {

		@GetMapping("/pages/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/pages/busy")
		String busy(ServerWebExchange exchange) {
			exchange.getResponse().getHeaders().set("X-Set-Before", "kept");
			throw new MoonlightException(503, "Back in a moment", null, Map.of(HttpHeaders.RETRY_AFTER, "30"));
		}

		@GetMapping("/pages/broken")
		String broken() {
			throw new IllegalStateException("the disk is on fire");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ TestApplication.class, Pages.class })
	static class WithPages {

	}

}
