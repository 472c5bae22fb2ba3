package dev.moonlight.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The TLS listener's Spring Boot {@link SslBundle}: the PEM files of {@code http.ssl},
 * TLS 1.2 and 1.3 only, and only AEAD cipher suites with forward secrecy, as RoadRunner's
 * default TLS configuration has.
 */
final class TlsBundle {

	/** The bundle's name in the listener's own registry. */
	static final String NAME = "moonlight-tls";

	static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	/**
	 * TLS 1.3's suites, then TLS 1.2's ECDHE + AEAD suites; none of them is on HTTP/2's
	 * block list.
	 */
	static final String[] CIPHERS = { "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
			"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" };

	private TlsBundle() {
	}

	/**
	 * Reads the files again (they were checked at boot) and passes their text, so paths
	 * need no URL escaping.
	 */
	static SslBundle of(SslSection ssl) {
		PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificates(text(ssl.cert()))
			.withPrivateKey(text(ssl.key()));
		PemSslStoreDetails trustStore = ssl.trustedClientRoots()
			.map((roots) -> PemSslStoreDetails.forCertificates(text(roots)))
			.orElse(null);
		// SslOptions.of takes the cipher suites first, then the protocols.
		return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore), SslBundleKey.NONE,
				SslOptions.of(CIPHERS, PROTOCOLS));
	}

	private static String text(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
	}

}
