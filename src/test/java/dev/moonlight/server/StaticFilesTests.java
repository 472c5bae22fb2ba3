package dev.moonlight.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static files from {@code public/}: index pages, caching headers and validators, the API
 * never shadowed, and no request target, however encoded, reaching a file outside the
 * folder.
 */
class StaticFilesTests {

	private static final String SECRET = "TOP-SECRET-OUTSIDE-PUBLIC";

	@TempDir
	static Path project;

	private static RunningApp app;

	@BeforeAll
	static void start() throws IOException {
		Path site = project.resolve("public");
		write(site.resolve("index.html"), "<h1>Northwind home</h1>");
		write(site.resolve("app.css"), "body { color: navy; }");
		write(site.resolve("guide/index.html"), "<h1>Guide</h1>");
		write(site.resolve("api/v1/ping"), "shadowed");
		write(site.resolve(".env"), "HIDDEN=" + SECRET);
		write(site.resolve(".well-known/security.txt"), "Contact: mailto:security@northwind.studio");
		write(project.resolve("secret.txt"), SECRET);
		write(project.resolve("outside/secret.txt"), SECRET);
		Files.createSymbolicLink(site.resolve("link-out.txt"), project.resolve("secret.txt"));
		Files.createSymbolicLink(site.resolve("dir-out"), project.resolve("outside"));
		Files.createSymbolicLink(site.resolve("alias.css"), site.resolve("app.css"));
		app = RunningApp.of(TestApplication.class).projectDir(project).start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	private static void write(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	@Test
	void rootServesIndexHtmlWithCachingHeaders() {
		RawHttp.Response response = RawHttp.get(app.port(), "/");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("Northwind home");
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.header("Cache-Control")).as("clients revalidate with the validators").isEqualTo("no-cache");
		assertThat(response.header("ETag")).matches("W/\"[0-9a-f]+-[0-9a-f]+\"");
		assertThat(response.header("Last-Modified")).isNotBlank();
		assertThat(RawHttp.get(app.port(), "/guide/").body()).contains("<h1>Guide</h1>");
		assertThat(RawHttp.get(app.port(), "/app.css").header("Content-Type")).startsWith("text/css");
	}

	@Test
	void validatorsAnswer304() {
		RawHttp.Response first = RawHttp.get(app.port(), "/app.css");
		RawHttp.Response byEtag = RawHttp.send(app.port(), "GET /app.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: "
				+ first.header("ETag") + "\r\nConnection: close\r\n\r\n");
		assertThat(byEtag.status()).isEqualTo(304);
		RawHttp.Response byDate = RawHttp.send(app.port(), "GET /app.css HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: "
				+ first.header("Last-Modified") + "\r\nConnection: close\r\n\r\n");
		assertThat(byDate.status()).isEqualTo(304);
	}

	@Test
	void headAndOtherMethods() {
		RawHttp.Response head = RawHttp.send(app.port(),
				"HEAD /app.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.header("Content-Length")).isEqualTo("21");
		assertThat(head.body()).isEmpty();
		RawHttp.Response post = RawHttp.send(app.port(),
				"POST /app.css HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		assertThat(post.status()).isEqualTo(405);
	}

	@Test
	void theApiIsNeverShadowed() {
		RawHttp.Response ping = RawHttp.get(app.port(), "/api/v1/ping");
		assertThat(ping.body()).contains("\"returnMessage\":\"pong\"").doesNotContain("shadowed");
		assertThat(RawHttp.get(app.port(), "/api/nothing-here").body()).as("unknown API paths stay API 404 envelopes")
			.contains("\"returnCode\":404");
	}

	@Test
	void hiddenFilesAreNotServedButWellKnownIs() {
		assertThat(RawHttp.get(app.port(), "/.env").status()).isEqualTo(404);
		assertThat(RawHttp.get(app.port(), "/.well-known/security.txt").body()).contains("Contact:");
	}

	@Test
	void symbolicLinksMayNotLeaveTheFolder() {
		assertThat(RawHttp.get(app.port(), "/link-out.txt").status()).isEqualTo(404);
		assertThat(RawHttp.get(app.port(), "/dir-out/secret.txt").status()).isEqualTo(404);
		assertThat(RawHttp.get(app.port(), "/alias.css").body()).as("a link inside the folder is fine")
			.contains("color: navy");
	}

	@Test
	void noTraversalReachesAFileOutsideTheFolder() {
		List<String> targets = List.of("/../secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e/secret.txt",
				"/%2E%2E/secret.txt", "/%2e%2e%2fsecret.txt", "/.%2e/secret.txt", "/%2e./secret.txt", "/..\\secret.txt",
				"/..%5csecret.txt", "/..%5Csecret.txt", "/%2e%2e%5csecret.txt", "/%252e%252e%252fsecret.txt",
				"/..%252fsecret.txt", "/%25%32%65%25%32%65/secret.txt", "/guide/../../secret.txt",
				"/guide/..%2f..%2fsecret.txt", "/guide/%2e%2e/%2e%2e/secret.txt", "//../secret.txt", "/.././secret.txt",
				"/..;/secret.txt", "/..%c0%afsecret.txt", "/..%c1%9csecret.txt", "/%2e%2e%2f%2e%2e%2fsecret.txt",
				"/dir-out/../../secret.txt", "/guide/..\\..\\secret.txt", "/..%00/secret.txt", "/%00../secret.txt",
				"/....//secret.txt");
		for (String target : targets) {
			RawHttp.Response response = RawHttp.get(app.port(), target);
			assertThat(response.status()).as("status for " + target).isIn(400, 404);
			assertThat(response.body()).as("body for " + target).doesNotContain(SECRET);
		}
	}

	@Test
	void rrYamlStaticDirForbidAndMaxAge(@TempDir Path other) throws IOException {
		write(other.resolve("site/index.html"), "<p>site</p>");
		write(other.resolve("site/info.php"), "<?php phpinfo();");
		write(other.resolve("public/index.html"), "<p>not this one</p>");
		try (RunningApp site = RunningApp.of(TestApplication.class).projectDir(other).rrYaml("""
				http:
				  middleware: ["static"]
				  static:
				    dir: site
				    forbid: [".php"]
				    max_age: 3600
				""").start()) {
			RawHttp.Response index = RawHttp.get(site.port(), "/");
			assertThat(index.body()).contains("<p>site</p>");
			assertThat(index.header("Cache-Control")).isEqualTo("max-age=3600, public");
			assertThat(RawHttp.get(site.port(), "/info.php").status()).isEqualTo(404);
		}
	}

	@Test
	void withoutAPublicFolderNothingIsServedAtTheRoot(@TempDir Path bare) {
		try (RunningApp plain = RunningApp.of(TestApplication.class).projectDir(bare).start()) {
			assertThat(RawHttp.get(plain.port(), "/").status()).isEqualTo(404);
			assertThat(RawHttp.get(plain.port(), "/api/v1/ping").status()).isEqualTo(200);
		}
	}

}
