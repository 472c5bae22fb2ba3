package dev.moonlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;
import reactor.core.publisher.Mono;

/**
 * The direct Reactor Netty route answers byte for byte what the WebFlux route answers,
 * and takes only the requests WebFlux would add nothing to: a filter that cannot be
 * skipped, or that does not skip a request, sees it.
 */
class DirectApiRouteTests {

	private static RunningApp direct;

	private static RunningApp webflux;

	@BeforeAll
	static void start() {
		direct = RunningApp.of(WithRecordingFilter.class).start();
		webflux = RunningApp.of(WithRecordingFilter.class)
			.property(WebAutoConfiguration.DIRECT_ROUTE_PROPERTY + "=false")
			.start();
	}

	@AfterAll
	static void stop() {
		direct.close();
		webflux.close();
	}

	@Test
	void everyAnswerIsTheSameOnBothRoutes() {
		List<String> requests = List.of(get("/api/v1/ping"), get("/api/v1/ping?x=1"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\",\"a\":[1,2]}"),
				post("/api/v1/notes/echo", "application/json; charset=utf-8", "{\"b\":true}"),
				post("/api/v1/", null, "{\"service\":\"notes\",\"action\":\"create\"}"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"created\"}"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"business\"}"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"nothing\"}"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"refused\"}"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"broken\"}"),
				post("/api/v1/", "application/json", "{\"service\":\"nope\",\"action\":\"echo\"}"),
				post("/api/v1/", "application/json", "{\"service\":\"notes\""),
				post("/api/v1/", "application/json", "[1,2]"), post("/api/v1/", "application/json", ""),
				post("/api/v9/", "application/json", "{}"), post("/api/v1/notes/echo/more", "application/json", "{}"),
				post("/api//v1/", "application/json", "{}"), post("/api/v1//", "application/json", "{}"),
				get("/api/v1/ping/"), get("/api/v1//ping"),
				post("/api/v1/", "application/x-www-form-urlencoded", "service=notes&action=echo&c=3"),
				post("/api/v1/", "text/plain", "hello"), post("/api/v1/", "*/json", "{}"),
				post("/api/v1/", "application/json;charset", "{}"), post("/api/v1/", "application/json ;x", "{}"),
				post("/api/v1/", "application/vnd.api+json; v=1", "{\"service\":\"notes\",\"action\":\"echo\"}"),
				post("/api/hooks", "application/json", "{}"));
		for (String request : requests) {
			RawHttp.Response fromDirect = RawHttp.send(direct.port(), request);
			RawHttp.Response fromWebFlux = RawHttp.send(webflux.port(), request);
			assertThat(fromDirect.head()).as(request).isEqualTo(fromWebFlux.head());
			assertThat(fromDirect.body()).as(request).isEqualTo(fromWebFlux.body());
		}
		assertThat(RawHttp.send(direct.port(), requests.get(2)).body()).contains("\"a\":[1,2]");
	}

	@Test
	void theDirectRouteTakesPingAndJsonDispatchAndLeavesTheRestToWebFlux() {
		RecordingFilter filter = direct.bean(RecordingFilter.class);
		filter.seen.clear();
		RawHttp.send(direct.port(), get("/api/v1/ping"));
		RawHttp.send(direct.port(),
				post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}"));
		assertThat(filter.seen).isEmpty();
		RawHttp.send(direct.port(), get("/api/v1/"));
		RawHttp.send(direct.port(), post("/api/v1/", "application/x-www-form-urlencoded", "service=notes&action=echo"));
		RawHttp.send(direct.port(),
				"GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nOrigin: http://elsewhere\r\n" + "Connection: close\r\n\r\n");
		RawHttp.send(direct.port(), "POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
		RawHttp.send(direct.port(), post("/api/v1/", "*/json", "{}"));
		RawHttp.send(direct.port(), post("/api/hooks/stripe", "application/json", "{}"));
		assertThat(filter.seen).containsExactly("GET /api/v1/", "POST /api/v1/", "GET /api/v1/ping", "POST /api/v1/",
				"POST /api/v1/", "POST /api/hooks/stripe");
	}

	@Test
	void aFilterThatDoesNotSkipARequestSeesIt() {
		RecordingFilter filter = direct.bean(RecordingFilter.class);
		filter.seen.clear();
		filter.skipping.set(false);
		try {
			RawHttp.Response pong = RawHttp.send(direct.port(), get("/api/v1/ping"));
			assertThat(pong.status()).isEqualTo(200);
			assertThat(filter.seen).containsExactly("GET /api/v1/ping");
		}
		finally {
			filter.skipping.set(true);
		}
	}

	@Test
	void anApplicationsOwnWebFilterRunsOnEveryApiRequest() {
		try (RunningApp app = RunningApp.of(WithPlainFilter.class).start()) {
			RawHttp.Response pong = RawHttp.send(app.port(), get("/api/v1/ping"));
			assertThat(pong.status()).isEqualTo(200);
			assertThat(pong.header("X-Plain-Filter")).isEqualTo("ran");
			RawHttp.Response echo = RawHttp.send(app.port(),
					post("/api/v1/", "application/json", "{\"service\":\"notes\",\"action\":\"echo\"}"));
			assertThat(echo.header("X-Plain-Filter")).isEqualTo("ran");
		}
	}

	private static String get(String target) {
		return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\nConnection: close\r\n\r\n";
	}

	private static String post(String target, String contentType, String body) {
		return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: parity-1\r\n"
				+ ((contentType != null) ? "Content-Type: " + contentType + "\r\n" : "") + "Content-Length: "
				+ body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
				+ body;
	}

	/**
	 * Records the API requests WebFlux's filter chain saw; skips them (or not) when
	 * asked.
	 */
	static final class RecordingFilter implements SkippableFilter {

		final List<String> seen = new CopyOnWriteArrayList<>();

		final AtomicBoolean skipping = new AtomicBoolean(true);

		@Override
		public boolean skips(HttpMethod method, String path, HttpHeaders headers, boolean tls) {
			return skipping.get();
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			String path = exchange.getRequest().getPath().value();
			if (path.startsWith("/api")) {
				seen.add(exchange.getRequest().getMethod() + " " + path);
			}
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

	@Configuration(proxyBeanMethods = false)
	@Import(TestApplication.class)
	static class WithPlainFilter {

		@Bean
		WebFilter plainFilter() {
			return (exchange, chain) -> {
				exchange.getResponse().getHeaders().set("X-Plain-Filter", "ran");
				return chain.filter(exchange);
			};
		}

	}

}
