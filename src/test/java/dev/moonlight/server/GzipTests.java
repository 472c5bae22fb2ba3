package dev.moonlight.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http.middleware: [gzip]}: responses above 1 KB are gzipped for clients that
 * accept it, on both listeners.
 */
class GzipTests {

	private static final String BIG = "{\"service\":\"notes\",\"action\":\"echo\",\"text\":\""
			+ "lorem ipsum ".repeat(300) + "\"}";

	@TempDir
	static Path certs;

	private static TestCertificates server;

	private static RunningApp app;

	@BeforeAll
	static void start() {
		server = TestCertificates.create(certs, "localhost");
		app = RunningApp.of(TestApplication.class)
			.rrYaml(server.rrYaml("127.0.0.1:0") + "  middleware: [\"headers\", \"gzip\"]\n")
			.start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void aLargeEnvelopeIsGzippedWhenTheClientAcceptsIt() throws Exception {
		HttpResponse<byte[]> response = post(HttpClient.newHttpClient(), app.baseUrl(), BIG, "gzip");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(response.body().length).as("the compressed body is far smaller than the 3.6 KB envelope")
			.isLessThan(1024);
		assertThat(gunzip(response.body())).startsWith("{\"returnCode\":0,").contains("lorem ipsum lorem ipsum");
	}

	@Test
	void smallResponsesAndClientsWithoutGzipGetPlainBodies() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<byte[]> ping = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/ping"))
			.header("Accept-Encoding", "gzip")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(ping.headers().firstValue("Content-Encoding")).as("below the 1 KB threshold").isEmpty();
		assertThat(new String(ping.body(), StandardCharsets.UTF_8)).contains("pong");
		HttpResponse<byte[]> identity = post(client, app.baseUrl(), BIG, null);
		assertThat(identity.headers().firstValue("Content-Encoding")).as("no Accept-Encoding, no gzip").isEmpty();
		assertThat(new String(identity.body(), StandardCharsets.UTF_8)).startsWith("{\"returnCode\":0,");
	}

	@Test
	void theTlsListenerGzipsToo() throws Exception {
		String tls = "https://127.0.0.1:" + app.bean(TlsListener.class).port();
		HttpResponse<byte[]> response = post(server.httpClient(HttpClient.Version.HTTP_2), tls, BIG, "gzip");
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gunzip(response.body())).contains("lorem ipsum");
	}

	@Test
	void withoutTheGzipMiddlewareNothingIsCompressed() throws Exception {
		try (RunningApp plain = RunningApp.of(TestApplication.class).start()) {
			HttpResponse<byte[]> response = post(HttpClient.newHttpClient(), plain.baseUrl(), BIG, "gzip");
			assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("{\"returnCode\":0,");
		}
	}

	private static HttpResponse<byte[]> post(HttpClient client, String base, String json, String acceptEncoding)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String gunzip(byte[] body) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
