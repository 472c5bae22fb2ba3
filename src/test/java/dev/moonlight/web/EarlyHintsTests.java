package dev.moonlight.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Deferred;
import dev.moonlight.dispatch.EarlyHints;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.CurlTrace;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code 103 Early Hints} over the wire: an action and a page send them before their
 * answer on HTTP/1.1 (read off a raw socket) and on HTTP/2 (read by curl), the connection
 * serves its next request as before, and an HTTP/1.0 client gets none.
 */
class EarlyHintsTests {

	static final List<String> LINKS = List.of("</app.js>; rel=preload; as=script", "</app.css>; rel=preload; as=style");

	private static final String CALL = "{\"service\":\"hinted\",\"action\":\"page\"}";

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(WithHints.class).rrYaml("http:\n  http2:\n    h2c: true\n").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static String post(String version, String connection) {
		return "POST /api/v1/ " + version + "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
				+ CALL.length() + "\r\nConnection: " + connection + "\r\n\r\n" + CALL;
	}

	@Test
	void anActionsHintsArriveBeforeItsAnswerAndTheConnectionServesOn() throws IOException {
		hintsThenAnswerTwice(app);
	}

	@Test
	void withoutH2cTheHttp11ListenerSendsThemAlike() throws IOException {
		try (RunningApp plain = RunningApp.of(WithHints.class).start()) {
			hintsThenAnswerTwice(plain);
		}
	}

	private static void hintsThenAnswerTwice(RunningApp server) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(post("HTTP/1.1", "keep-alive").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String hints = readHead(in);
			assertThat(hints).isEqualTo("HTTP/1.1 103 Early Hints\r\nLink: </app.js>; rel=preload; as=script\r\n"
					+ "Link: </app.css>; rel=preload; as=style");
			String answer = readHead(in);
			assertThat(answer).startsWith("HTTP/1.1 200 OK");
			assertThat(readBody(in, answer)).contains("\"sent\":true");
			out.write(post("HTTP/1.1", "close").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(rest).as("the next request on the connection: hints, then its answer")
				.startsWith("HTTP/1.1 103 Early Hints\r\n")
				.contains("\r\n\r\nHTTP/1.1 200 OK\r\n")
				.endsWith("\"extraData\":null}");
		}
	}

	@Test
	void hintsSentOnceTheAnswerIsWrittenAreRefusedAndTheConnectionServesOn() throws Exception {
		String late = "{\"service\":\"hinted\",\"action\":\"late\"}";
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + late.length() + "\r\n\r\n" + late)
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = readHead(in);
			assertThat(answer).startsWith("HTTP/1.1 200 OK");
			assertThat(readBody(in, answer)).contains("\"answered\":true");
			assertThat(app.bean(HintedService.class).lateSend.get(30, TimeUnit.SECONDS))
				.as("send() after the answer was written")
				.isFalse();
			out.write(post("HTTP/1.1", "close").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
				.as("nothing stray between the answers: the next one starts with its own hints")
				.startsWith("HTTP/1.1 103 Early Hints\r\n");
		}
	}

	@Test
	void anHttp10ClientGetsNoHints() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(post("HTTP/1.0", "close").getBytes(StandardCharsets.US_ASCII));
			String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(all).startsWith("HTTP/1.0 200 OK").doesNotContain("103 Early Hints").contains("\"sent\":false");
		}
	}

	@Test
	void aPageSendsHintsToo() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write("GET /hinted-page HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(all).startsWith("HTTP/1.1 103 Early Hints\r\nLink: </app.js>; rel=preload; as=script\r\n")
				.contains("\r\n\r\nHTTP/1.1 200 OK\r\n")
				.endsWith("<p>hinted</p>");
		}
	}

	@Test
	void aStaticPageSendsTheHintsItsSectionLists() throws IOException {
		try (RunningApp site = RunningApp.of(TestApplication.class).file("public/index.html", "<p>home</p>").rrYaml("""
				http:
				  static:
				    early_hints:
				      - path: /
				        links: ["</app.js>; rel=preload; as=script"]
				""").start(); Socket socket = new Socket("127.0.0.1", site.port())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(all).startsWith("HTTP/1.1 103 Early Hints\r\nLink: </app.js>; rel=preload; as=script\r\n\r\n")
				.contains("HTTP/1.1 200 OK\r\n")
				.endsWith("<p>home</p>");
		}
	}

	@Test
	void curlSeesThe103BeforeThe200OverHttp2() throws Exception {
		for (String trace : List.of(CurlTrace.http2Post(app.baseUrl() + "/api/v1/", CALL),
				CurlTrace.http2(app.baseUrl() + "/hinted-page"))) {
			int hints = trace.indexOf("< HTTP/2 103");
			int answer = trace.indexOf("< HTTP/2 200");
			assertThat(hints).as(trace).isNotNegative();
			assertThat(answer).as(trace).isGreaterThan(hints);
			assertThat(trace.substring(hints, answer)).contains("< link: </app.js>; rel=preload; as=script");
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r') ? 1 : 0;
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r\n\r\n") ? text.substring(0, text.length() - 4) : text;
	}

	private static String readBody(InputStream in, String head) throws IOException {
		int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	@MoonlightService("hinted")
	static class HintedService {

		final CompletableFuture<Boolean> lateSend = new CompletableFuture<>();

		@Action
		Map<String, Object> page(EarlyHints hints) {
			return Map.of("sent", hints.send(LINKS));
		}

		/** Tries to send once its answer has been written: too late. */
		@Action
		Map<String, Object> late(EarlyHints hints, Deferred deferred) {
			deferred.defer(() -> lateSend.complete(hints.send(LINKS)));
			return Map.of("answered", true);
		}

	}

	@RestController
	static class HintedPage {

		@GetMapping(path = "/hinted-page", produces = "text/html")
		String page(ServerWebExchange exchange) {
			NettyEarlyHints.of(exchange).send(LINKS);
			return "<p>hinted</p>";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ TestApplication.class, HintedService.class, HintedPage.class })
	static class WithHints {

	}

}
