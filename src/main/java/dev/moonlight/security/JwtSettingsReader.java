package dev.moonlight.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.nimbusds.jose.JWSAlgorithm;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.DotEnv;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.Origin;

/**
 * Reads {@link JwtSettings} the Pionia way: {@code [jwt]} in settings.ini first, then
 * {@code JWT_*} variables; the secret from {@code [jwt] SECRET} → {@code JWT_SECRET} →
 * {@code APP_KEY}. Errors name the key and never print a secret.
 */
final class JwtSettingsReader {

	static final String MISSING_SECRET = "JWT secret is missing. Set JWT_SECRET, [jwt] SECRET, or APP_KEY.";

	private final MoonlightSettings settings;

	private final Function<String, String> processEnv;

	JwtSettingsReader(MoonlightSettings settings, Function<String, String> processEnv) {
		this.settings = settings;
		this.processEnv = processEnv;
	}

	JwtSettings read() {
		Optional<ConfigValue> alg = setting("ALG", "JWT_ALG");
		JWSAlgorithm algorithm = alg.map(JwtSettingsReader::algorithm).orElse(JWSAlgorithm.HS256);
		Duration ttl = Duration.ofSeconds(setting("TTL", "JWT_TTL").map((value) -> value.asWholeNumber(1,
				Integer.MAX_VALUE, "The token lifetime is a whole number of seconds, at least 1."))
			.orElse(3600L));
		String issuer = setting("ISSUER", "JWT_ISSUER").map((value) -> value.value().strip()).orElse(null);
		String audience = setting("AUDIENCE", "JWT_AUDIENCE").map((value) -> value.value().strip()).orElse(null);
		if (algorithm.equals(JWSAlgorithm.RS256)) {
			RSAPrivateKey privateKey = setting("PRIVATE_KEY", "JWT_PRIVATE_KEY").map(this::privateKey).orElse(null);
			RSAPublicKey publicKey = setting("PUBLIC_KEY", "JWT_PUBLIC_KEY").map(this::publicKey)
				.orElseGet(() -> (privateKey != null) ? publicKeyOf(privateKey) : null);
			if (publicKey == null) {
				throw new ConfigException(whereMissing("JWT_PUBLIC_KEY"), null,
						"RS256 needs JWT_PUBLIC_KEY (or JWT_PRIVATE_KEY): PEM text or the path of a PEM file.");
			}
			return new JwtSettings(algorithm, null, privateKey, publicKey, ttl, issuer, audience);
		}
		return new JwtSettings(algorithm, secret(algorithm), null, null, ttl, issuer, audience);
	}

	/**
	 * Where to set a missing variable: the project's .env when it has one, else
	 * (production) the environment.
	 */
	private Origin whereMissing(String variable) {
		boolean dotEnv = Files.isRegularFile(settings.projectDir().resolve(DotEnv.FILE));
		return new Origin(dotEnv ? DotEnv.FILE : Origin.PROCESS_ENVIRONMENT, 0, variable);
	}

	private Optional<ConfigValue> setting(String key, String envName) {
		return settings.files().setting("jwt", key, processEnv, envName);
	}

	private static JWSAlgorithm algorithm(ConfigValue value) {
		String name = value.value().strip().toUpperCase(Locale.ROOT);
		return switch (name) {
			case "HS256" -> JWSAlgorithm.HS256;
			case "HS384" -> JWSAlgorithm.HS384;
			case "HS512" -> JWSAlgorithm.HS512;
			case "RS256" -> JWSAlgorithm.RS256;
			default -> throw value.invalid("Supported JWT algorithms are HS256, HS384, HS512 and RS256.");
		};
	}

	private byte[] secret(JWSAlgorithm algorithm) {
		ConfigValue value = settings.files()
			.setting("jwt", "SECRET", processEnv, "JWT_SECRET", "APP_KEY")
			.orElseThrow(() -> new ConfigException(whereMissing("JWT_SECRET"), null, MISSING_SECRET));
		String text = value.value().strip();
		byte[] secret;
		try {
			secret = text.startsWith("base64:") ? Base64.getDecoder().decode(text.substring("base64:".length()))
					: text.getBytes(StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(value.origin(), null, "The secret starts with base64: but is not valid base64.");
		}
		int minimum = Integer.parseInt(algorithm.getName().substring(2)) / 8;
		if (secret.length < minimum) {
			throw new ConfigException(value.origin(), null,
					"The secret is " + secret.length + " bytes; " + algorithm.getName() + " needs at least " + minimum
							+ ". Generate one with: openssl rand -hex " + minimum + ".");
		}
		return secret;
	}

	private RSAPrivateKey privateKey(ConfigValue value) {
		byte[] der = pem(value, "PRIVATE KEY");
		try {
			return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new ConfigException(value.origin(), null, "Not an RSA private key in PKCS#8 PEM (" + ex.getMessage()
					+ "). Convert one with: openssl pkcs8 -topk8 -nocrypt -in key.pem.", ex);
		}
	}

	private RSAPublicKey publicKey(ConfigValue value) {
		byte[] der = pem(value, "PUBLIC KEY");
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new ConfigException(value.origin(), null, "Not an RSA public key in PEM (" + ex.getMessage() + ").",
					ex);
		}
	}

	private static RSAPublicKey publicKeyOf(RSAPrivateKey privateKey) {
		if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
			return null;
		}
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
	}

	/**
	 * PEM text (newlines may be written as {@code \n} in .env) or the path of a PEM file,
	 * as DER bytes.
	 */
	private byte[] pem(ConfigValue value, String kind) {
		String text = value.value().strip().replace("\\n", "\n");
		if (!text.startsWith("-----BEGIN")) {
			Path file = settings.projectDir().resolve(text);
			try {
				text = Files.readString(file);
			}
			catch (IOException ex) {
				throw new ConfigException(value.origin(), text, "Cannot read the key file " + file + " (" + ex + ").",
						ex);
			}
		}
		String begin = "-----BEGIN " + kind + "-----";
		int start = text.indexOf(begin);
		int end = text.indexOf("-----END " + kind + "-----");
		if (start < 0 || end < start) {
			throw new ConfigException(value.origin(), null, "Expected a PEM block " + begin + ".");
		}
		String body = text.substring(start + begin.length(), end).replaceAll("\\s", "");
		try {
			return Base64.getDecoder().decode(body);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(value.origin(), null, "The PEM block is not valid base64.", ex);
		}
	}

}
