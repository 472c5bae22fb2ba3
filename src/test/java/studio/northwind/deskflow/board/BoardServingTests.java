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
import org.springframework.http.MediaType;

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
		app = ShippedConfig.deskflow().start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	/** What a browser sends when it navigates: it prefers HTML. */
	private static final String BROWSER_GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			+ "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\nConnection: close\r\n\r\n";

	/**
	 * Read off a raw socket as a browser asks: the {@code 103} comes first (Reactor
	 * Netty's client would take it for the answer; browsers and curl skip it, as RFC 8297
	 * asks).
	 */
	@Test
	void theRootIsTheBoardWithItsHooksUnderItsPolicy() {
		String answer = RawHttp.send(app.port(), BROWSER_GET).body();
		int end = answer.indexOf("\r\n\r\n");
		String head = answer.substring(0, end);
		String page = answer.substring(end + 4);
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

	@Test
	void earlyHintsNameTheBoardsFilesBeforeThePage() {
		RawHttp.Response hints = RawHttp.send(app.port(), BROWSER_GET);
		assertThat(hints.status()).as("the first answer on the wire").isEqualTo(103);
		List<String> links = hints.head()
			.lines()
			.filter((line) -> line.startsWith("Link: "))
			.map((line) -> line.substring(6))
			.toList();
		assertThat(links).isEqualTo(BoardRoutes.PRELOADS)
			.contains("</board/board.css>; rel=preload; as=style", "</board/board.js>; rel=modulepreload");
		assertThat(hints.body()).as("then the page").startsWith("HTTP/1.1 200 OK\r\n").contains("DeskFlow board");
		for (String link : links) {
			Matcher target = LINK_TARGET.matcher(link);
			assertThat(target.find()).as("a board file in %s", link).isTrue();
			app.client().get().uri(target.group(1)).exchange().expectStatus().isOk();
		}
		// A client that asks for anything (here Reactor Netty's, which would take a 103
		// for the answer) gets no hints, only the page.
		app.client().get().uri("/").exchange().expectStatus().isOk();
		RawHttp.Response http10 = RawHttp.send(app.port(),
				"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n");
		assertThat(http10.status()).as("an HTTP/1.0 client gets no hints, only the page").isEqualTo(200);
		assertThat(http10.body()).doesNotContain("103 Early Hints").contains("DeskFlow board");
	}

	@Test
	void theApiAndTheDocsKeepTheirOwnAnswers() {
		app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"service\":\"task\",\"action\":\"list\"}")
			.exchange()
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
