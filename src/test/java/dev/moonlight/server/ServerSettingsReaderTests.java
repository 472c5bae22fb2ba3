package dev.moonlight.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.Ssl;

import dev.moonlight.config.CliOverrides;
import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.ListenAddress;
import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading {@code http.ssl} / {@code [tls]}, {@code http.http2} / {@code [http2]},
 * middleware and static folders.
 */
class ServerSettingsReaderTests {

	@TempDir
	static Path certs;

	private static TestCertificates pair;

	private static TestCertificates other;

	@TempDir
	Path project;

	private final List<ConfigNotice> notices = new ArrayList<>();

	@BeforeAll
	static void certificates() {
		pair = TestCertificates.create(certs, "localhost");
		other = TestCertificates.create(certs, "other");
	}

	@Test
	void nothingConfiguredMeansPlainHttp11WithoutExtras() {
		ServerSettings settings = read();
		assertThat(settings.tls()).isEmpty();
		assertThat(settings.http2()).isEqualTo(new Http2Section(false, 128));
		assertThat(settings.gzip()).isFalse();
		assertThat(settings.staticFiles()).isEmpty();
	}

	@Test
	void rrYamlSslWithRelativePathsFromTheProjectFolder() throws IOException {
		copyPair("tls");
		write(".rr.yaml", """
				http:
				  ssl:
				    address: 0.0.0.0:9443
				    redirect: true
				    cert: tls/cert.pem
				    key: tls/key.pem
				    root_ca: tls/cert.pem
				    client_auth_type: require_and_verify_client_cert
				""");
		SslSection ssl = read().tls().orElseThrow();
		assertThat(ssl.address()).isEqualTo(new ListenAddress("0.0.0.0", 9443));
		assertThat(ssl.redirect()).isTrue();
		assertThat(ssl.cert()).isEqualTo(this.project.resolve("tls/cert.pem"));
		assertThat(ssl.key()).isEqualTo(this.project.resolve("tls/key.pem"));
		assertThat(ssl.trustedClientRoots()).hasValue(this.project.resolve("tls/cert.pem"));
		assertThat(ssl.clientAuth()).isEqualTo(Ssl.ClientAuth.NEED);
	}

	@Test
	void addressDefaultsTo8443OnLoopbackAndAPortAloneKeepsTheLoopbackHost() {
		write(".rr.yaml", ssl("", ""));
		assertThat(read().tls().orElseThrow().address()).isEqualTo(new ListenAddress("127.0.0.1", 8443));
		write(".rr.yaml", ssl("    address: :9443\n", ""));
		assertThat(read().tls().orElseThrow().address()).isEqualTo(new ListenAddress("127.0.0.1", 9443));
	}

	@Test
	void settingsIniTlsIsTheAlternativeAndWinsOverRrYaml() {
		write("environment/settings.ini", "[tls]\nCERT = " + pair.cert() + "\nKEY = " + pair.key()
				+ "\nADDRESS = 127.0.0.1:9000\nREDIRECT = on\n[http2]\nH2C = yes\nMAX_CONCURRENT_STREAMS = 64\n");
		write(".rr.yaml", "http:\n  ssl:\n    address: 127.0.0.1:7000\n    cert: nope.pem\n    key: nope.pem\n");
		ServerSettings settings = read();
		assertThat(settings.tls().orElseThrow().address().port()).isEqualTo(9000);
		assertThat(settings.redirectsToTls()).isTrue();
		assertThat(settings.http2()).isEqualTo(new Http2Section(true, 64));
		assertThat(this.notices).extracting(ConfigNotice::toString)
			.containsExactly(
					".rr.yaml:2: http.ssl is ignored: environment/settings.ini has a [tls] section, which wins.");
	}

	@Test
	void aMissingKeyFileFailsNamingFileLineKeyAndPath() {
		write(".rr.yaml", "http:\n  ssl:\n    cert: " + pair.cert() + "\n    key: missing.pem\n");
		failsToRead().withMessage(".rr.yaml:4: http.ssl.key = \"missing.pem\": The file does not exist ("
				+ this.project.resolve("missing.pem") + ").");
	}

	@Test
	void iniErrorsNameTheIniKey() {
		write("environment/settings.ini", "[tls]\nCERT = " + pair.cert() + "\nKEY = keys/\n");
		Path keys = this.project.resolve("keys");
		mkdir(keys);
		failsToRead()
			.withMessage("environment/settings.ini:3: [tls] KEY = \"keys/\": This is not a file (" + keys + ").");
	}

	@Test
	void filesThatAreNotPemOrDoNotBelongTogetherAreRefused() {
		write("notes.txt", "not a certificate");
		write(".rr.yaml", "http:\n  ssl:\n    cert: notes.txt\n    key: " + pair.key() + "\n");
		failsToRead().withMessageStartingWith(
				".rr.yaml:3: http.ssl.cert = \"notes.txt\": The file holds no readable PEM certificate");
		write(".rr.yaml", "http:\n  ssl:\n    cert: " + pair.cert() + "\n    key: " + pair.cert() + "\n");
		failsToRead().withMessageStartingWith(".rr.yaml:4: http.ssl.key = \"" + pair.cert() + "\": The file holds no");
		write(".rr.yaml", "http:\n  ssl:\n    cert: " + pair.cert() + "\n    key: " + other.key() + "\n");
		failsToRead().withMessageStartingWith(".rr.yaml:4: http.ssl.key = \"" + other.key()
				+ "\": The private key does not belong to the certificate (CN=localhost)");
	}

	@Test
	void certAndKeyAreBothRequiredAndAcmeIsRefused() {
		write(".rr.yaml", "http:\n  ssl:\n    address: 127.0.0.1:8443\n    cert: " + pair.cert() + "\n");
		failsToRead()
			.withMessage(".rr.yaml:2: http.ssl: TLS needs both cert and key (PEM files); http.ssl.key is missing.");
		write(".rr.yaml", "http:\n  ssl:\n    acme:\n      email: ops@northwind.studio\n");
		failsToRead().withMessageStartingWith(".rr.yaml:3: http.ssl.acme: ACME certificates are not supported");
	}

	@Test
	void clientAuthTypeMustBeARoadRunnerValue() {
		write(".rr.yaml", ssl("", "    client_auth_type: sometimes\n"));
		failsToRead()
			.withMessage(".rr.yaml:5: http.ssl.client_auth_type = \"sometimes\": Unknown client_auth_type; use one of "
					+ "no_client_certs, request_client_cert, require_and_verify_client_cert, require_any_client_cert, "
					+ "verify_client_cert_if_given.");
		write(".rr.yaml", ssl("", "    client_auth_type: request_client_cert\n"));
		assertThat(read().tls().orElseThrow().clientAuth()).isEqualTo(Ssl.ClientAuth.WANT);
	}

	@Test
	void http2StreamLimitZeroMeansTheDefaultAndNonsenseFails() {
		write(".rr.yaml", "http:\n  http2:\n    h2c: true\n    max_concurrent_streams: 0\n");
		assertThat(read().http2()).isEqualTo(new Http2Section(true, 128));
		write(".rr.yaml", "http:\n  http2:\n    max_concurrent_streams: lots\n");
		failsToRead().withMessageStartingWith(".rr.yaml:3: http.http2.max_concurrent_streams = \"lots\": Stream limit");
		write(".rr.yaml", "http:\n  http2:\n    h2c: maybe\n");
		failsToRead().withMessageStartingWith(".rr.yaml:3: http.http2.h2c = \"maybe\": Expected a boolean");
	}

	@Test
	void gzipComesFromTheMiddlewareListAndUnknownNamesAreReported() {
		write(".rr.yaml", "http:\n  middleware: [\"headers\", \"GZIP\", \"gzp\"]\n");
		assertThat(read().gzip()).isTrue();
		assertThat(this.notices).extracting(ConfigNotice::toString)
			.containsExactly(".rr.yaml:2: http.middleware lists "
					+ "\"gzp\", which is not a RoadRunner middleware; it is ignored. Check the spelling.");
	}

	@Test
	void staticFolderFromPublicOrHttpStaticDir() throws IOException {
		mkdir(this.project.resolve("public"));
		assertThat(read().staticFiles().orElseThrow().dir()).isEqualTo(this.project.resolve("public").toRealPath());
		mkdir(this.project.resolve("web"));
		write(".rr.yaml", "http:\n  static:\n    dir: web\n    forbid: [\".PHP\", \"exe\"]\n    allow: []\n");
		StaticSection section = read().staticFiles().orElseThrow();
		assertThat(section.dir()).isEqualTo(this.project.resolve("web").toRealPath());
		assertThat(section.forbid()).containsExactlyInAnyOrder(".php", ".exe");
		assertThat(section.maxAgeSeconds()).isZero();
	}

	@Test
	void aStaticDirThatIsMissingOrHoldsTheProjectIsRefused() {
		write(".rr.yaml", "http:\n  static:\n    dir: site\n");
		failsToRead().withMessageStartingWith(".rr.yaml:3: http.static.dir = \"site\": The folder does not exist");
		write(".rr.yaml", "http:\n  static:\n    dir: .\n");
		failsToRead().withMessageStartingWith(".rr.yaml:3: http.static.dir = \".\": Serving this folder would publish "
				+ "environment/ and .rr.yaml");
	}

	@Test
	void staticEarlyHintsArePerPageAndCheckedAtBoot() {
		mkdir(this.project.resolve("public"));
		write(".rr.yaml", """
				http:
				  static:
				    early_hints:
				      - path: /
				        links: ["</app.js>; rel=preload; as=script", "</app.css>; rel=preload; as=style"]
				""");
		assertThat(read().staticFiles().orElseThrow().earlyHints()).containsExactly(
				Map.entry("/", List.of("</app.js>; rel=preload; as=script", "</app.css>; rel=preload; as=style")));
		write(".rr.yaml", "http:\n  static:\n    early_hints:\n      - path: index.html\n        links: [\"<a>\"]\n");
		failsToRead().withMessageStartingWith(
				".rr.yaml:4: http.static.early_hints[0].path = \"index.html\": The path must start with /");
		write(".rr.yaml", "http:\n  static:\n    early_hints:\n      - path: /\n");
		failsToRead().withMessageContaining(".rr.yaml:4").withMessageContaining("links lists the Link values");
		write(".rr.yaml", "http:\n  static:\n    early_hints:\n      - path: /\n        links: [\"<a>\\u0007\"]\n");
		failsToRead().withMessageContaining("http.static.early_hints[0].links[0]")
			.withMessageContaining("visible ASCII on one line");
	}

	private static String ssl(String before, String after) {
		return "http:\n  ssl:\n" + before + "    cert: " + pair.cert() + "\n    key: " + pair.key() + "\n" + after;
	}

	private ServerSettings read() {
		this.notices.clear();
		return new ServerSettingsReader(MoonlightConfigLoader.load(this.project, Map.<String, String>of()::get,
				CliOverrides.none(), (notice) -> {
				}), this.notices::add)
			.read();
	}

	private ThrowableAssertAlternative<ConfigException> failsToRead() {
		return assertThatExceptionOfType(ConfigException.class).isThrownBy(this::read);
	}

	private void copyPair(String dir) throws IOException {
		mkdir(this.project.resolve(dir));
		Files.copy(pair.cert(), this.project.resolve(dir + "/cert.pem"));
		Files.copy(pair.key(), this.project.resolve(dir + "/key.pem"));
	}

	private void write(String file, String text) {
		try {
			Path path = this.project.resolve(file);
			Files.createDirectories(path.getParent());
			Files.writeString(path, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void mkdir(Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
