package dev.moonlight.server;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import io.netty.handler.codec.http.HttpVersion;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http.http2.h2c: true}: cleartext HTTP/2 on the plain listener, by prior
 * knowledge and by Upgrade.
 */
class H2cTests {

	private static final String ECHO = "{\"service\":\"notes\",\"action\":\"echo\",\"word\":\"%s\"}";

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).rrYaml("""
				http:
				  http2:
				    h2c: true
				    max_concurrent_streams: 42
				""").start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void priorKnowledgeClientPostsAnEnvelopeOverHttp2() {
		ConnectionProvider connections = ConnectionProvider.newConnection();
		String[] version = new String[1];
		String body = reactor.netty.http.client.HttpClient.create(connections)
			.protocol(HttpProtocol.H2C)
			.headers((headers) -> headers.set("Content-Type", "application/json"))
			.post()
			.uri(app.baseUrl() + "/api/v1/")
			.send(ByteBufFlux.fromString(Mono.just(ECHO.formatted("prior"))))
			.responseSingle((response, content) -> {
				version[0] = response.version().text();
				return content.asString();
			})
			.block(Duration.ofSeconds(30));
		assertThat(version[0]).isEqualTo(HttpVersion.valueOf("HTTP/2.0").text());
		assertThat(body).startsWith("{\"returnCode\":0,").contains("\"word\":\"prior\"");
	}

	@Test
	void upgradeFromHttp11CarriesThePostBody() throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(ECHO.formatted("upgraded")))
			.build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.version()).as("Java's client upgrades http:// to h2c when asked for HTTP/2")
			.isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"word\":\"upgraded\"");
	}

	@Test
	void http11ClientsAreStillServed() throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/ping")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void theStreamLimitIsAdvertised() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			assertThat(Http2Preface.serverSettings(socket)).containsEntry(Http2Preface.MAX_CONCURRENT_STREAMS, 42L);
		}
	}

	@Test
	void withoutH2cThePlainListenerStaysHttp11() throws Exception {
		try (RunningApp plain = RunningApp.of(TestApplication.class).start()) {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/api/v1/ping")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.version()).as("the Upgrade: h2c offer is declined")
				.isEqualTo(HttpClient.Version.HTTP_1_1);
			assertThat(response.statusCode()).isEqualTo(200);
		}
	}

}
