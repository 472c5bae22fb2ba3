package studio.northwind.deskflow.board;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testing.CurlTrace;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;
import studio.northwind.deskflow.ShippedConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board over the wire, as the shipped DeskFlow serves it from its jar: {@code /} is
 * the page under its own Content-Security-Policy, every module it imports and its styles
 * are served, {@code 103 Early Hints} name them before the page, and the API and
 * {@code /docs} keep their own answers.
 */
class BoardServingTests {

	/**
	 * The page's own script, style and connections only: nothing inline, nothing else.
	 */
	private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
			+ " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final Pattern IMPORT = Pattern.compile("^import [^;]*? from \"\\./([a-z]+\\.js)\";",
			Pattern.MULTILINE);

	private static final Pattern LINK_TARGET = Pattern.compile("^<(/board/[a-z]+\\.(?:js|css))>; rel=");

	private static RunningApp app;

	@BeforeAll
	static void start() {
		// With cleartext HTTP/2 too: browsers get early hints only over HTTP/2.
		app = ShippedConfig.deskflow()
			.rrYaml(ShippedConfig.rrYaml().replace("  # http2:\n  #   h2c: false", "  http2:\n    h2c: true"))
			.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	/** What a browser sends when it loads a page. */
	private static final String BROWSER_GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Mode: navigate\r\n"
			+ "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\nConnection: close\r\n\r\n";

	/** Read off a raw socket as a browser asks over HTTP/1.1: no hints there. */
	@Test
	void theRootIsTheBoardWithItsHooksUnderItsPolicy() {
		RawHttp.Response answer = RawHttp.send(app.port(), BROWSER_GET);
		assertThat(answer.status()).as("HTTP/1.1: the page, no 103").isEqualTo(200);
		String head = answer.head();
		String page = answer.body();
		assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
			.contains("\r\nContent-Type: text/html;charset=UTF-8\r\n")
			.contains("\r\nContent-Security-Policy: " + POLICY + "\r\n")
			.contains("\r\nX-Content-Type-Options: nosniff\r\n")
			.contains("\r\nX-Frame-Options: DENY\r\n");
		assertThat(page).contains("<script type=\"module\" src=\"/board/board.js\"></script>")
			.contains("<link rel=\"stylesheet\" href=\"/board/board.css\">")
			.doesNotContain("<script>")
			.doesNotContain("style=\"")
			.endsWith("</html>\n");
		RawHttp.Response headOnly = RawHttp.send(app.port(),
				"HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
		assertThat(headOnly.status()).as("HEAD /: no hints, the page's head").isEqualTo(200);
		assertThat(headOnly.header("Content-Security-Policy")).isEqualTo(POLICY);
		for (String hook : List.of("login-email", "login-password", "login-submit", "logout", "column-open",
				"column-in_progress", "column-done", "new-task-title", "new-task-submit")) {
			assertThat(page).as("the test hook %s", hook).contains("data-testid=\"" + hook + "\"");
		}
	}

	@Test
	void everyModuleThePageImportsAndItsStylesAreServed() {
		Set<String> seen = new LinkedHashSet<>();
		Deque<String> next = new ArrayDeque<>(List.of("board.js"));
		while (!next.isEmpty()) {
			String module = next.pop();
			if (!seen.add(module)) {
				continue;
			}
			String source = served("/board/" + module, "text/javascript");
			Matcher imports = IMPORT.matcher(source);
			while (imports.find()) {
				next.push(imports.group(1));
			}
		}
		assertThat(seen).as("the modules the board loads")
			.contains("board.js", "api.js", "cards.js", "live.js", "drag.js", "editor.js", "rules.js");
		for (String module : seen) {
			assertThat(BoardRoutes.PRELOADS).as("the early hints name %s", module)
				.contains("</board/" + module + ">; rel=modulepreload");
		}
		assertThat(served("/board/board.css", "text/css")).contains("prefers-color-scheme: dark");
		for (String outside : List.of("/board/missing.js", "/board/", "/board/..%2fapplication.properties",
				"/board/%2e%2e/application.properties")) {
			assertThat(RawHttp.get(app.port(), outside).status()).as("GET %s", outside).isEqualTo(404);
		}
	}

	/**
	 * A browser's page load over HTTP/2 gets the board's files as a 103 before the page;
	 * a tool's request (no {@code Sec-Fetch-Mode: navigate}) and HTTP/1.1 get none (see
	 * {@code NettyEarlyHints.forNavigation}).
	 */
	@Test
	void earlyHintsNameTheBoardsFilesBeforeThePage() throws Exception {
		String trace = CurlTrace.http2(app.baseUrl() + "/", "Sec-Fetch-Mode: navigate", "Accept: text/html");
		int hints = trace.indexOf("< HTTP/2 103");
		int answer = trace.indexOf("< HTTP/2 200");
		assertThat(hints).as(trace).isNotNegative();
		assertThat(answer).as(trace).isGreaterThan(hints);
		List<String> links = trace.substring(hints, answer)
			.lines()
			.filter((line) -> line.startsWith("< link: "))
			.map((line) -> line.substring(8).strip())
			.toList();
		assertThat(links).isEqualTo(BoardRoutes.PRELOADS)
			.contains("</board/board.css>; rel=preload; as=style", "</board/board.js>; rel=modulepreload");
		for (String link : links) {
			Matcher target = LINK_TARGET.matcher(link);
			assertThat(target.find()).as("a board file in %s", link).isTrue();
			app.client().get().uri(target.group(1)).exchange().expectStatus().isOk();
		}
		assertThat(CurlTrace.http2(app.baseUrl() + "/", "Accept: text/html")).as("a tool's request over HTTP/2")
			.doesNotContain("< HTTP/2 103")
			.contains("< HTTP/2 200");
		app.client().get().uri("/").exchange().expectStatus().isOk();
	}

	@Test
	void theApiAndTheDocsKeepTheirOwnAnswers() {
		app.call("{\"service\":\"task\",\"action\":\"list\"}")
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Content-Security-Policy")
			.expectBody()
			.jsonPath("$.returnData.tasks[0].title")
			.isEqualTo("Review homepage mockups");
		app.client()
			.get()
			.uri("/docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					(policy) -> assertThat(policy).startsWith("default-src 'none'; script-src 'sha256-"));
	}

	private static String served(String path, String type) {
		return app.client()
			.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Type", (value) -> assertThat(value).startsWith(type))
			.expectHeader()
			.valueEquals("Content-Security-Policy", POLICY)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
