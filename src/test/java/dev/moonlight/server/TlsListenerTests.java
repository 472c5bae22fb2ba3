package dev.moonlight.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TLS listener over real sockets: HTTP/2 by ALPN, HTTP/1.1 still served, TLS 1.2+
 * only, requests seen as secure, and the plain listener unchanged beside it.
 */
class TlsListenerTests {

	@TempDir
	static Path certs;

	private static TestCertificates server;

	private static RunningApp app;

	private static int tlsPort;

	@BeforeAll
	static void start() {
		server = TestCertificates.create(certs, "localhost");
		app = RunningApp.of(TestApplication.class).rrYaml(server.rrYaml("127.0.0.1:0")).property("DEBUG=true").start();
		tlsPort = app.bean(TlsListener.class).port();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	private static URI tls(String path) {
		return URI.create("https://127.0.0.1:" + tlsPort + path);
	}

	private static HttpRequest envelope(URI uri) {
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"notes\",\"action\":\"echo\",\"n\":1}"))
			.build();
	}

	@Test
	void http2ClientNegotiatesH2ByAlpnAndGetsTheEnvelope() throws Exception {
		HttpResponse<String> response = server.httpClient(HttpClient.Version.HTTP_2)
			.send(envelope(tls("/api/v1/")), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.version()).as("ALPN should pick h2 on the TLS listener")
			.isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).startsWith("{\"returnCode\":0,").contains("\"n\":1");
	}

	@Test
	void http11ClientIsStillServedOverTls() throws Exception {
		HttpResponse<String> response = server.httpClient(HttpClient.Version.HTTP_1_1)
			.send(envelope(tls("/api/v1/")), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		assertThat(response.body()).startsWith("{\"returnCode\":0,");
	}

	@Test
	void requestsOverTlsAreSecureToTheApplication() throws Exception {
		HttpClient client = server.httpClient(HttpClient.Version.HTTP_2);
		HttpResponse<String> overTls = client.send(HttpRequest.newBuilder(tls("/api/v1/ping")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(overTls.body()).as("getSslInfo() is set for TLS requests").contains("\"scheme\":\"https\"");
		HttpResponse<String> plain = client.send(
				HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/ping")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).as("http.address keeps serving plain HTTP").isEqualTo(200);
		assertThat(plain.body()).contains("\"scheme\":\"http\"");
	}

	@Test
	void alpnOffersH2AndHttp11() throws Exception {
		assertThat(negotiate("h2")).isEqualTo("h2");
		assertThat(negotiate("http/1.1")).isEqualTo("http/1.1");
	}

	@Test
	void theDefaultStreamLimitIsAdvertisedOverTls() throws Exception {
		try (SSLSocket socket = alpn("h2")) {
			assertThat(Http2Preface.serverSettings(socket)).as("RoadRunner's default max_concurrent_streams")
				.containsEntry(Http2Preface.MAX_CONCURRENT_STREAMS, 128L);
		}
	}

	@Test
	void tls12And13AreAcceptedAndTls11IsRefused() throws Exception {
		assertThat(handshake("TLSv1.3")).isEqualTo("TLSv1.3");
		assertThat(handshake("TLSv1.2")).isEqualTo("TLSv1.2");
		// The JDK will not offer TLS 1.1 itself, so openssl (at security level 0, which
		// allows it) asks instead.
		String connect = "127.0.0.1:" + tlsPort;
		String tls12 = TestCertificates.run(certs, "sh", "-c",
				"openssl s_client -connect " + connect + " -tls1_2 </dev/null 2>&1; true");
		assertThat(tls12).as("control: openssl itself can connect").contains("Protocol  : TLSv1.2");
		String tls11 = TestCertificates.run(certs, "sh", "-c", "openssl s_client -connect " + connect
				+ " -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null 2>&1; true");
		assertThat(tls11).as("the server must answer a TLS 1.1 hello with a protocol_version alert")
			.contains("alert protocol version")
			.contains("Cipher is (NONE)");
	}

	@Test
	void aClientThatDoesNotTrustTheCertificateIsRefused() {
		HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
		assertThatThrownBy(() -> untrusting.send(envelope(tls("/api/v1/")), HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(SSLHandshakeException.class);
	}

	private static String negotiate(String protocol) throws Exception {
		try (SSLSocket socket = alpn(protocol)) {
			return socket.getApplicationProtocol();
		}
	}

	private static SSLSocket alpn(String protocol) throws Exception {
		SSLSocket socket = (SSLSocket) server.trustingContext().getSocketFactory().createSocket("127.0.0.1", tlsPort);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setApplicationProtocols(new String[] { protocol });
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	private static String handshake(String version) throws Exception {
		SSLContext context = server.trustingContext();
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
			socket.setEnabledProtocols(new String[] { version });
			socket.startHandshake();
			return socket.getSession().getProtocol();
		}
	}

}
