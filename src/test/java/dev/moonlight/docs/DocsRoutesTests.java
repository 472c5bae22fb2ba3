package dev.moonlight.docs;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.CurlTrace;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /docs/openapi.json} and {@code /docs} over a real socket, generated from the
 * test application.
 */
class DocsRoutesTests {

	private static final Pattern SCRIPT_TAG = Pattern.compile("<script src=\"([^\"]+)\" integrity=\"([^\"]+)\" defer>");

	private static RunningApp app;

	private static JsonNode openApi;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[app_switches]
				v1 = dev.moonlight.testapp.LegacySwitch
				v2 = dev.moonlight.testapp.NextSwitch
				""").dotEnv("APP_NAME=notes-api\n").rrYaml("http:\n  http2:\n    h2c: true\n").start();
		String body = app.client()
			.get()
			.uri("/docs/openapi.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		openApi = CatalogJson.parse(body);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	/**
	 * Issue 12, finding 9: the docs answered with no CSP, no framing rule, no nosniff and
	 * no referrer policy.
	 */
	@Test
	void everyDocsAnswerForbidsFramingSniffingAndReferrersAndThePageRunsOnlyItsOwnScript() {
		app.client()
			.get()
			.uri("/docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					(policy) -> assertThat(policy).startsWith("default-src 'none'; script-src 'sha256-")
						.contains("; style-src 'sha256-", "; connect-src 'self';", "frame-ancestors 'none'")
						.doesNotContain("unsafe-inline", "unsafe-eval", "*"))
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer");
		for (String path : List.of("/docs/openapi.json", "/api/v1/__catalog")) {
			app.client()
				.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
				.expectHeader()
				.valueEquals("X-Frame-Options", "DENY")
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("Referrer-Policy", "no-referrer");
		}
	}

	@Test
	void theOpenApiDocumentHasOnePostPathPerActionOfEveryVersion() {
		assertThat(openApi.path("openapi").asString()).isEqualTo("3.1.0");
		assertThat(openApi.path("info").path("title").asString()).isEqualTo("notes-api");
		List<String> paths = List.copyOf(openApi.path("paths").propertyNames());
		assertThat(paths).contains("/api/v1/notes/create", "/api/v1/slow/sleep", "/api/v2/memo/create")
			.as("a version exposes only its switch's services")
			.doesNotContain("/api/v2/notes/create");
		assertThat(paths).allMatch((path) -> openApi.path("paths").path(path).has("post"));
		JsonNode create = openApi.path("paths").path("/api/v1/notes/create").path("post");
		assertThat(CatalogTests.values(create.path("tags"))).containsExactly("notes");
		assertThat(create.path("operationId").asString()).isEqualTo("v1.notes.create");
		assertThat(create.path("x-moonlight-dispatch").path("url").asString()).isEqualTo("/api/v1/");
		assertThat(openApi.path("tags").valueStream().map((tag) -> tag.path("name").asString()).toList())
			.as("one tag per service, the built-in jobs service too")
			.containsExactlyInAnyOrder("notes", "slow", "memo", "jobs");
	}

	@Test
	void theRequestBodySchemaComesFromTheParameterRecord() {
		JsonNode schema = openApi.path("paths")
			.path("/api/v1/notes/create")
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema");
		assertThat(schema.path("type").asString()).isEqualTo("object");
		assertThat(CatalogTests.values(schema.path("required"))).containsExactly("title", "author_name");
		JsonNode title = schema.path("properties").path("title");
		assertThat(title.path("type").asString()).isEqualTo("string");
		assertThat(title.path("minLength").asInt()).isEqualTo(3);
		assertThat(title.path("maxLength").asInt()).isEqualTo(20);
		assertThat(schema.path("properties").path("due_date").path("format").asString()).isEqualTo("date");
		assertThat(schema.path("properties").path("priority").path("maximum").asInt()).isEqualTo(5);
	}

	@Test
	void everyResponseIsTheEnvelope() {
		JsonNode responses = openApi.path("paths").path("/api/v1/notes/create").path("post").path("responses");
		assertThat(
				responses.path("200").path("content").path("application/json").path("schema").path("$ref").asString())
			.isEqualTo("#/components/schemas/Envelope");
		assertThat(responses.has("422")).as("an action with parameters can fail validation").isTrue();
		JsonNode envelope = openApi.path("components").path("schemas").path("Envelope");
		assertThat(List.copyOf(envelope.path("properties").propertyNames())).containsExactly("returnCode",
				"returnMessage", "returnData", "extraData");
		assertThat(openApi.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asString())
			.isEqualTo("bearer");
	}

	@Test
	void theDocsPageCarriesTheCatalogAndNamesItsScriptByHash() throws Exception {
		String page = app.client()
			.get()
			.uri("/docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).startsWith("<!DOCTYPE html>")
			.contains("<title>notes-api · API explorer</title>")
			.contains("<script id=\"catalog\" type=\"application/json\">")
			.contains("\"endpoint\":\"/api/v2/\"");
		assertThat(page).as("no CDN: this machine's browsers have no internet")
			.doesNotContain("src=\"http", "href=\"http", "@import");
		Matcher tag = SCRIPT_TAG.matcher(page);
		assertThat(tag.find()).as("the page's script tag in %s", page).isTrue();
		String path = tag.group(1);
		String integrity = tag.group(2);
		byte[] script = app.client()
			.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(new MediaType("text", "javascript"))
			.expectHeader()
			.valueEquals("Cache-Control", "public, max-age=31536000, immutable")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(new String(script, StandardCharsets.UTF_8)).contains("fetch(");
		String digest = "sha256-"
				+ Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script));
		assertThat(integrity).as("the integrity attribute is the served script's digest").isEqualTo(digest);
		assertThat(path).as("the path names the script's version").startsWith("/docs/page-").endsWith(".js");
		app.client()
			.get()
			.uri("/docs")
			.exchange()
			.expectHeader()
			.value("Content-Security-Policy", (policy) -> assertThat(policy).as("only that script may run")
				.contains("script-src '" + digest + "';"));
		app.client().get().uri("/docs/").exchange().expectStatus().isOk();
		app.client().get().uri("/docs/page-0000000000000000.js").exchange().expectStatus().isNotFound();
	}

	/**
	 * Issue 16: a browser's page load over HTTP/2 gets the page's script named in a 103
	 * before the answer; a tool (no {@code Sec-Fetch-Mode: navigate}) gets none, nor does
	 * HTTP/1.1, where a proxy or client may take the 103 for the answer.
	 */
	@Test
	void thePageSendsItsScriptAsAnEarlyHintToABrowserOverHttp2() throws Exception {
		String page = app.client()
			.get()
			.uri("/docs")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Matcher tag = SCRIPT_TAG.matcher(page);
		assertThat(tag.find()).as("the page in %s", page).isTrue();
		String trace = CurlTrace.http2(app.baseUrl() + "/docs", "Sec-Fetch-Mode: navigate", "Accept: text/html");
		int hints = trace.indexOf("< HTTP/2 103");
		int answer = trace.indexOf("< HTTP/2 200");
		assertThat(hints).as(trace).isNotNegative();
		assertThat(answer).as(trace).isGreaterThan(hints);
		assertThat(trace.substring(hints, answer)).as(trace)
			.contains("< link: <" + tag.group(1) + ">; rel=preload; as=script; integrity=\"" + tag.group(2) + "\"");
		assertThat(CurlTrace.http2(app.baseUrl() + "/docs", "Accept: text/html")).as("a tool's request")
			.doesNotContain("< HTTP/2 103")
			.contains("< HTTP/2 200");
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("GET /docs HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Mode: navigate\r\nAccept: text/html\r\n"
						+ "Connection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.as("HTTP/1.1, even from a browser")
				.startsWith("HTTP/1.1 200 OK\r\n");
		}
	}

}
