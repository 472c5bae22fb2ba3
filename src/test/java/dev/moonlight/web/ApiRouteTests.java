package dev.moonlight.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;

import dev.moonlight.testapp.TestApplication;
import tools.jackson.databind.json.JsonMapper;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's one route answers byte for byte what WebFlux answered while the API was a
 * WebFlux route: {@code api-route-answers.txt} holds those answers, recorded from the
 * WebFlux route before it was removed, for requests of every kind (ping, dispatch, forms,
 * uploads, chunked bodies, {@code Expect: 100-continue}, encoded and absolute targets,
 * HEAD and OPTIONS, CORS and its preflights, with and without {@code [cors]}). Two differ
 * on purpose: a query with a malformed escape ({@code ?x=%zz}), which WebFlux refused
 * with an empty 400 while building its URI, is served, as the API never reads the query;
 * and a refused CORS request, which WebFlux answered with an empty 403, gets a 403
 * envelope saying what was refused. The overview and the docs catalog list the test
 * application's actions, which tests add to, so they are checked apart. An application's
 * {@code WebFilter} sees none of these requests, only the catalog, which the docs route
 * claims.
 */
class ApiRouteTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final Path ANSWERS = Path.of("src/test/resources/dev/moonlight/web/api-route-answers.txt");

	private static final String CORS = """
			[cors]
			allowed_origins = "http://localhost:5173"
			max_age = 600
			""";

	private static RunningApp plain;

	private static RunningApp cors;

	@BeforeAll
	static void start() {
		plain = RunningApp.of(WithRecordingFilter.class).start();
		cors = RunningApp.of(WithRecordingFilter.class).settings(CORS).start();
	}

	@AfterAll
	static void stop() {
		plain.close();
		cors.close();
	}

	@Test
	void everyAnswerIsTheOneTheWebFluxRouteGave() throws IOException {
		List<String> expected = List.of(Files.readString(ANSWERS, StandardCharsets.ISO_8859_1).split(SEPARATOR, -1));
		List<String> actual = answers(plain.port(), cors.port());
		// Beside the expected answers, to diff when they differ.
		Files.writeString(Path.of("target/api-route-answers.actual.txt"), String.join(SEPARATOR, actual),
				StandardCharsets.ISO_8859_1);
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < actual.size(); i++) {
			assertSameAnswer(actual.get(i), expected.get(i));
		}
	}

	/**
	 * The request, status line and headers byte for byte; a JSON body as JSON, since some
	 * test actions answer a {@code Map.of}, whose order changes from run to run.
	 */
	private static void assertSameAnswer(String actual, String expected) {
		int actualBody = actual.lastIndexOf("\r\n\r\n");
		int expectedBody = expected.lastIndexOf("\r\n\r\n");
		assertThat(actual.substring(0, actualBody)).isEqualTo(expected.substring(0, expectedBody));
		String body = actual.substring(actualBody + 4);
		String wanted = expected.substring(expectedBody + 4);
		if (wanted.startsWith("{")) {
			assertThat(JSON.readTree(body)).as(actual).isEqualTo(JSON.readTree(wanted));
		}
		else {
			assertThat(body).as(actual).isEqualTo(wanted);
		}
	}

	@Test
	void anApplicationsWebFilterSeesNoApiRequest() {
		RecordingFilter filter = plain.bean(RecordingFilter.class);
		filter.seen.clear();
		answers(plain.port(), cors.port());
		assertThat(RawHttp.send(plain.port(), get("/api/v1/__catalog", "")).status()).isEqualTo(200);
		RawHttp.send(plain.port(), get("/apiary", ""));
		assertThat(filter.seen).containsExactly("GET /api/v1/__catalog", "GET /apiary");
	}

	/**
	 * The overview lists the test application's actions, which tests add to, so it is
	 * checked here rather than recorded: HEAD answers GET's head without its body, with
	 * or without the trailing slash.
	 */
	@Test
	void theOverviewAnswersHeadWithGetsHeadAndNoBody() {
		RawHttp.Response get = RawHttp.send(plain.port(), get("/api/v1/", ""));
		assertThat(get.status()).isEqualTo(200);
		assertThat(get.body()).contains("\"returnMessage\":\"Moonlight API\"");
		RawHttp.Response head = RawHttp.send(plain.port(), head("/api/v1/"));
		assertThat(head.head()).isEqualTo(get.head());
		assertThat(head.header("Content-Length"))
			.isEqualTo(Integer.toString(get.body().getBytes(StandardCharsets.ISO_8859_1).length));
		assertThat(head.body()).isEmpty();
		RawHttp.Response withoutSlash = RawHttp.send(plain.port(), get("/api/v1", ""));
		assertThat(withoutSlash.head()).isEqualTo(get.head());
		assertThat(JSON.readTree(withoutSlash.body())).isEqualTo(JSON.readTree(get.body()));
	}

	static final String SEPARATOR = "\n=====\n";

	/** Each request of {@link #requests} sent to its server, with its answer. */
	static List<String> answers(int plainPort, int corsPort) {
		List<String> answers = new ArrayList<>();
		for (String request : requests(false)) {
			answers.add(exchange("plain", plainPort, request));
		}
		for (String request : requests(true)) {
			answers.add(exchange("cors", corsPort, request));
		}
		return answers;
	}

	private static String exchange(String server, int port, String request) {
		RawHttp.Response response = RawHttp.send(port, request);
		return server + " >>> " + request + "\n<<<\n" + response.head() + "\r\n\r\n" + response.body();
	}

	static List<String> requests(boolean cors) {
		List<String> requests = new ArrayList<>(List.of(get("/api/v1/ping", ""), get("/api/v1/ping?x=1", ""),
				head("/api/v1/ping"), get("/api", ""), get("/api/", ""), get("/api?x=1", ""),
				get("/api/v1/notes/echo", ""), options("/api/v1/", ""), options("/api/v1/ping", ""),
				options("/api/v1/notes/echo", ""),
				"DELETE /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\nConnection: close\r\n\r\n",
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\",\"a\":[1,2]}", ""),
				post("/api/v1/notes/echo", "application/json; charset=utf-8", "{\"b\":true}", ""),
				post("/api/v1/", null, "{\"service\":\"notes\",\"action\":\"create\"}", ""),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"broken\"}", ""),
				post("/api/v1/", "application/json", "{\"service\":\"nope\",\"action\":\"echo\"}", ""),
				post("/api/v1/", "application/json", "{\"service\":\"notes\"", ""),
				post("/api/v1/", "application/json", "[1,2]", ""), post("/api/v1/", "application/json", "", ""),
				post("/api/v9/", "application/json", "{}", ""),
				post("/api/v1/notes/echo/more", "application/json", "{}", ""),
				post("/api//v1/", "application/json", "{}", ""), get("/api/v1//ping", ""),
				post("/api/v1/", "application/x-www-form-urlencoded", "service=notes&action=echo&c=3", ""),
				post("/api/v1/", "application/x-www-form-urlencoded", "{\"service\":\"notes\",\"action\":\"echo\"}",
						""),
				post("/api/v1/", "application/x-www-form-urlencoded", "service=notes&action=echo&bad=%zz", ""),
				post("/api/v1/", "multipart/form-data; boundary=XyZ",
						"--XyZ\r\nContent-Disposition: form-data; name=\"service\"\r\n\r\nnotes\r\n"
								+ "--XyZ\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\necho\r\n--XyZ--\r\n",
						""),
				post("/api/v1/", "multipart/form-data", "--XyZ--\r\n", ""), post("/api/v1/", "text/plain", "hello", ""),
				post("/api/v1/", "*/json", "{}", ""), post("/api/v1/", "application/json;charset", "{}", ""),
				post("/api/v1/", "application/json ;x", "{}", ""), post("/api/v1/", "not a type", "{}", ""),
				post("/api/v1/", "application/vnd.api+json; v=1", "{\"service\":\"notes\",\"action\":\"echo\"}", ""),
				"POST /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\n"
						+ "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
						+ "10\r\n{\"service\":\"note\r\n13\r\ns\",\"action\":\"echo\"}\r\n0\r\n\r\n",
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}",
						"Expect: 100-continue\r\n"),
				post("/api/v1/no%74es/echo", "application/json", "{}", ""),
				post("/api/v1/notes/echo?x=%zz", "application/json", "{}", ""),
				post("/api/v1/notes/ec%2Fho", "application/json", "{}", ""),
				post("http://127.0.0.1/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}", ""),
				get("http://127.0.0.1/api/v1/ping?y=2", ""), get("/api/v9/__catalog", ""), get("/api/v1/ws", ""),
				post("/api/v1/ws", "application/json", "{}", ""), post("/api/hooks", "application/json", "{}", "")));
		String origin = "Origin: http://localhost:5173\r\n";
		String evil = "Origin: https://evil.example\r\n";
		String self = "Origin: http://127.0.0.1\r\n";
		String preflight = "Access-Control-Request-Method: POST\r\n"
				+ "Access-Control-Request-Headers: authorization, content-type\r\n";
		requests.addAll(List.of(get("/api/v1/ping", origin), get("/api/v1/ping", evil), get("/api/v1/ping", self),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}", origin),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}", evil),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}", self),
				post("/api/v1/", "application/json", "{\"service\":\"nope\",\"action\":\"echo\"}", origin),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}", "Origin: null\r\n"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}",
						"Origin: http://[bad\r\n"),
				options("/api/v1/notes/broken", origin + preflight), options("/api/v1/", evil + preflight),
				options("/api/v1/", self + preflight),
				options("/api/v1/", origin + "Access-Control-Request-Method: DELETE\r\n"), options("/api/v1/", origin),
				head("/api/v1/ping", origin), "PUT /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\n"
						+ origin + "Connection: close\r\n\r\n"));
		return requests;
	}

	private static String get(String target, String headers) {
		return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\n" + headers
				+ "Connection: close\r\n\r\n";
	}

	private static String head(String target) {
		return "HEAD " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\nConnection: close\r\n\r\n";
	}

	private static String head(String target, String headers) {
		return "HEAD " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\n" + headers
				+ "Connection: close\r\n\r\n";
	}

	private static String options(String target, String headers) {
		return "OPTIONS " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\n" + headers
				+ "Connection: close\r\n\r\n";
	}

	private static String post(String target, String contentType, String body, String headers) {
		return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\n" + headers
				+ ((contentType != null) ? "Content-Type: " + contentType + "\r\n" : "") + "Content-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
	}

	/** Records the paths of the requests WebFlux's filter chain saw. */
	static final class RecordingFilter implements WebFilter {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public reactor.core.publisher.Mono<Void> filter(org.springframework.web.server.ServerWebExchange exchange,
				org.springframework.web.server.WebFilterChain chain) {
			seen.add(exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value());
			return chain.filter(exchange);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(TestApplication.class)
	static class WithRecordingFilter {

		@Bean
		RecordingFilter recordingFilter() {
			return new RecordingFilter();
		}

	}

}
