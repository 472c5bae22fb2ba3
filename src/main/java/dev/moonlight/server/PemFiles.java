package dev.moonlight.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import org.springframework.boot.ssl.pem.PemContent;

import dev.moonlight.config.ConfigValue;

/**
 * Checks the PEM files named by {@code http.ssl} at boot, so a typo or a wrong file fails
 * the boot naming the key, line and path instead of failing every TLS handshake later.
 * Parsing is Spring Boot's ({@link PemContent}).
 */
final class PemFiles {

	private static final byte[] PROBE = "moonlight key-pair probe".getBytes(StandardCharsets.US_ASCII);

	private final Path projectDir;

	PemFiles(Path projectDir) {
		this.projectDir = projectDir;
	}

	/**
	 * The file a value names, relative paths resolved from the project folder; it must be
	 * a readable file.
	 */
	Path readableFile(ConfigValue value) {
		Path path = this.projectDir.resolve(value.value().strip()).normalize();
		if (!Files.exists(path)) {
			throw value.invalid("The file does not exist (" + path + ").");
		}
		if (!Files.isRegularFile(path)) {
			throw value.invalid("This is not a file (" + path + ").");
		}
		if (!Files.isReadable(path)) {
			throw value.invalid("The file is not readable by this process (" + path + "); check its permissions.");
		}
		return path;
	}

	/** The certificates in the file, first the server's own; at least one. */
	List<X509Certificate> certificates(ConfigValue value, Path path) {
		List<X509Certificate> certificates;
		try {
			certificates = load(value, path).getCertificates();
		}
		catch (RuntimeException ex) {
			throw value.invalid("The file holds no readable PEM certificate (" + path + "): " + ex.getMessage() + ".");
		}
		if (certificates == null || certificates.isEmpty()) {
			throw value
				.invalid("The file holds no PEM certificate (" + path + "); expected -----BEGIN CERTIFICATE-----.");
		}
		return certificates;
	}

	/**
	 * The private key in the file, which must not be encrypted (RoadRunner has no key
	 * password either).
	 */
	PrivateKey privateKey(ConfigValue value, Path path) {
		PrivateKey key;
		try {
			key = load(value, path).getPrivateKey();
		}
		catch (RuntimeException ex) {
			throw value.invalid("The file holds no readable PEM private key (" + path + "): " + ex.getMessage()
					+ "; an encrypted key must be decrypted first (openssl pkey -in key.pem -out plain.pem).");
		}
		if (key == null) {
			throw value
				.invalid("The file holds no PEM private key (" + path + "); expected -----BEGIN PRIVATE KEY-----.");
		}
		return key;
	}

	/**
	 * Fails when the key does not belong to the certificate: every handshake would fail
	 * with an obscure error.
	 */
	void checkPair(ConfigValue keyValue, PrivateKey key, X509Certificate certificate) {
		String algorithm = signatureAlgorithm(key.getAlgorithm());
		if (algorithm == null) {
			return;
		}
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(PROBE);
			byte[] signature = signer.sign();
			PublicKey publicKey = certificate.getPublicKey();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(PROBE);
			if (verifier.verify(signature)) {
				return;
			}
		}
		catch (GeneralSecurityException ex) {
			// A key of another type than the certificate's lands here too: it does not
			// match either.
		}
		throw keyValue.invalid("The private key does not belong to the certificate ("
				+ certificate.getSubjectX500Principal() + "); check that cert and key come from the same pair.");
	}

	private static String signatureAlgorithm(String keyAlgorithm) {
		return switch (keyAlgorithm) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "Ed25519", "EdDSA" -> "Ed25519";
			default -> null;
		};
	}

	private static PemContent load(ConfigValue value, Path path) {
		try {
			return PemContent.load(path);
		}
		catch (IOException ex) {
			throw value.invalid("Cannot read the file (" + path + "): " + ex.getMessage() + ".");
		}
	}

}
