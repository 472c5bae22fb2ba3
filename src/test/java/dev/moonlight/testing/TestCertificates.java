package dev.moonlight.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * A self-signed certificate made at test time with the machine's {@code openssl} (tests
 * that need one are skipped when it is missing), for {@code localhost} and
 * {@code 127.0.0.1}, and SSL contexts that trust it.
 */
public final class TestCertificates {

	private final Path cert;

	private final Path key;

	private TestCertificates(Path cert, Path key) {
		this.cert = cert;
		this.key = key;
	}

	/**
	 * Writes {@code <name>-cert.pem} and {@code <name>-key.pem} (unencrypted PKCS#8 RSA
	 * 2048) into {@code dir}.
	 */
	public static TestCertificates create(Path dir, String name) {
		Path cert = dir.resolve(name + "-cert.pem");
		Path key = dir.resolve(name + "-key.pem");
		run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
				cert.toString(), "-days", "1", "-subj", "/CN=" + name, "-addext",
				"subjectAltName=IP:127.0.0.1,DNS:localhost");
		return new TestCertificates(cert, key);
	}

	/** Whether {@code openssl} can be run here; tests assume it. */
	public static boolean opensslAvailable() {
		try {
			Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
			return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public Path cert() {
		return cert;
	}

	public Path key() {
		return key;
	}

	/**
	 * A {@code .rr.yaml} whose {@code http.ssl} listens on {@code address} with this
	 * certificate. It ends inside {@code http.ssl}: append that section's keys indented
	 * by four spaces, or {@code http}'s by two.
	 */
	public String rrYaml(String address) {
		return "http:\n  ssl:\n    address: " + address + "\n    cert: " + cert + "\n    key: " + key + "\n";
	}

	/**
	 * An SSL context that trusts this certificate only, and presents no client
	 * certificate.
	 */
	public SSLContext trustingContext() {
		return context(null);
	}

	/**
	 * An SSL context that trusts {@code server} and presents this certificate as the
	 * client's.
	 */
	public SSLContext clientContext(TestCertificates server) {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			PrivateKey privateKey = PemContent.load(key).getPrivateKey();
			keys.setKeyEntry("client", privateKey, new char[0], new Certificate[] { certificate() });
			KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			managers.init(keys, new char[0]);
			return server.context(managers);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Java's HTTP client preferring {@code version}, trusting this certificate. */
	public HttpClient httpClient(HttpClient.Version version) {
		return HttpClient.newBuilder()
			.version(version)
			.sslContext(trustingContext())
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	private SSLContext context(KeyManagerFactory keyManagers) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("server", certificate());
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Certificate certificate() throws GeneralSecurityException, IOException {
		return CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert)));
	}

	/** Runs a command in {@code dir}, failing with its output when it does not exit 0. */
	public static String run(Path dir, String... command) {
		if (command[0].equals("openssl")) {
			Assumptions.assumeTrue(opensslAvailable(), "openssl is not installed");
		}
		try {
			Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
