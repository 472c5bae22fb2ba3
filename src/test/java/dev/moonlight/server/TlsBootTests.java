package dev.moonlight.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.PortInUseException;

import dev.moonlight.config.ConfigException;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whole boots with TLS settings: failures that name the file, settings.ini's [tls], and
 * client certificates.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsBootTests {

	@TempDir
	static Path certs;

	private static TestCertificates server;

	private static TestCertificates client;

	@BeforeAll
	static void certificates() {
		server = TestCertificates.create(certs, "localhost");
		client = TestCertificates.create(certs, "deskflow-client");
	}

	@Test
	void aWrongKeyPathFailsTheBootNamingTheFile(CapturedOutput output) {
		Throwable failure = catchThrowable(() -> RunningApp.of(TestApplication.class).rrYaml("""
				version: "3"
				http:
				  ssl:
				    cert: %s
				    key: missing.pem
				""".formatted(server.cert())).start());
		ConfigException config = find(failure, ConfigException.class);
		assertThat(config.getMessage())
			.startsWith(".rr.yaml:5: http.ssl.key = \"missing.pem\": The file does not exist (")
			.endsWith("missing.pem).");
		assertThat(output.getOut() + output.getErr()).as("Boot's failure report, without a stack trace")
			.contains("APPLICATION FAILED TO START")
			.contains("Fix the value of http.ssl.key in .rr.yaml (line 5).");
	}

	@Test
	void aTlsPortInUseFailsTheBoot() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			Throwable failure = catchThrowable(() -> RunningApp.of(TestApplication.class)
				.rrYaml(server.rrYaml("127.0.0.1:" + taken.getLocalPort()))
				.start());
			assertThat(find(failure, PortInUseException.class).getPort()).isEqualTo(taken.getLocalPort());
		}
	}

	@Test
	void settingsIniTlsSectionStartsTheListener() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[tls]\nADDRESS = 127.0.0.1:0\nCERT = %s\nKEY = %s\n".formatted(server.cert(), server.key()))
			.start()) {
			HttpResponse<String> response = server.httpClient(HttpClient.Version.HTTP_2)
				.send(HttpRequest
					.newBuilder(URI.create("https://localhost:" + app.bean(TlsListener.class).port() + "/api/v1/ping"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
			assertThat(response.body()).contains("pong");
		}
	}

	@Test
	void requiredClientCertificatesAreCheckedAgainstRootCa() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml(server.rrYaml("127.0.0.1:0") + "    root_ca: " + client.cert() + "\n"
					+ "    client_auth_type: require_and_verify_client_cert\n")
			.start()) {
			URI ping = URI.create("https://127.0.0.1:" + app.bean(TlsListener.class).port() + "/api/v1/ping");
			HttpClient withCertificate = HttpClient.newBuilder().sslContext(client.clientContext(server)).build();
			assertThat(withCertificate.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
			HttpClient anonymous = server.httpClient(HttpClient.Version.HTTP_1_1);
			assertThatThrownBy(
					() -> anonymous.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.ofString()))
				.as("no client certificate, no connection")
				.isInstanceOf(IOException.class);
		}
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError(
				"the boot should fail with a " + type.getSimpleName() + ", but failed with " + failure);
	}

}
