package dev.moonlight.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http.ssl.redirect: true}: every plain request gets 308 to the same URL over TLS,
 * with HSTS.
 */
class HttpsRedirectTests {

	private static final String HSTS = "max-age=31536000; includeSubDomains; preload";

	@TempDir
	static Path certs;

	private static TestCertificates server;

	private static RunningApp app;

	private static int tlsPort;

	@BeforeAll
	static void start() {
		server = TestCertificates.create(certs, "localhost");
		app = RunningApp.of(TestApplication.class)
			.rrYaml(server.rrYaml("127.0.0.1:0") + "    redirect: true\n")
			.start();
		tlsPort = app.bean(TlsListener.class).port();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void plainRequestsGet308ToTheSamePathAndQueryOverTls() {
		RawHttp.Response response = RawHttp.get(app.port(), "/api/v1/ping?x=1&y=%20z");
		assertThat(response.status()).isEqualTo(308);
		assertThat(response.header("Location")).isEqualTo("https://127.0.0.1:" + tlsPort + "/api/v1/ping?x=1&y=%20z");
		assertThat(response.header("Strict-Transport-Security")).isEqualTo(HSTS);
	}

	@Test
	void theLocationKeepsTheHostTheClientUsedAndIgnoresAnUnusableOne() {
		RawHttp.Response named = RawHttp.send(app.port(),
				"POST /api/v1/ HTTP/1.1\r\nHost: desk.example:8000\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
		assertThat(named.status()).as("308 also for POST, whose method and body it keeps").isEqualTo(308);
		assertThat(named.header("Location")).isEqualTo("https://desk.example:" + tlsPort + "/api/v1/");
		RawHttp.Response forged = RawHttp.send(app.port(),
				"GET /a HTTP/1.1\r\nHost: evil.example/phish?\r\nConnection: close\r\n\r\n");
		assertThat(forged.header("Location")).as("a Host that is not a host name falls back to the TLS address")
			.isEqualTo("https://127.0.0.1:" + tlsPort + "/a");
	}

	@Test
	void locationsForIpv6TheDefaultPortAndOtherRequestTargets() {
		HttpsRedirect on443 = new HttpsRedirect(() -> 443, "127.0.0.1");
		assertThat(on443.location("[::1]:8000", "/a?b=c")).as("port 443 is left out").isEqualTo("https://[::1]/a?b=c");
		assertThat(on443.location(null, "http://desk.example:8000/x?y")).as("absolute-form target, no Host")
			.isEqualTo("https://127.0.0.1/x?y");
		assertThat(on443.location("desk.example", "*")).isEqualTo("https://desk.example/");
		assertThat(on443.location("desk.example\r\nSet-Cookie: a=b", "/")).isEqualTo("https://127.0.0.1/");
	}

	@Test
	void aClientFollowingTheRedirectGetsTheEnvelopeOverTlsWithHsts() throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(server.trustingContext())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"service\":\"notes\",\"action\":\"echo\",\"via\":\"redirect\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.uri().getScheme()).isEqualTo("https");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).as("308 keeps the POST body").contains("\"via\":\"redirect\"");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).as("HSTS counts only over TLS")
			.hasValue(HSTS);
	}

	@Test
	void withoutRedirectTlsResponsesCarryNoHsts() throws Exception {
		try (RunningApp plain = RunningApp.of(TestApplication.class).rrYaml(server.rrYaml("127.0.0.1:0")).start()) {
			int port = plain.bean(TlsListener.class).port();
			HttpResponse<String> response = server.httpClient(HttpClient.Version.HTTP_2)
				.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/ping")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
			assertThat(RawHttp.get(plain.port(), "/api/v1/ping").status()).as("plain HTTP is served, not redirected")
				.isEqualTo(200);
		}
	}

}
