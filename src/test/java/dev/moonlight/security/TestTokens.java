package dev.moonlight.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens made by the tests themselves with nimbus, so what the server accepts is checked
 * independently. Public for the WebSocket and TCP tests, which authenticate with the same
 * tokens.
 */
public final class TestTokens {

	/** A 32-byte HS256 secret (64 hex characters). */
	public static final String SECRET = "4f1c0a9e2b7d3c5a6e8f0b1d2c3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f";

	private TestTokens() {
	}

	/**
	 * The JWT backend's tokens for {@link #SECRET} (HS256, a one-hour TTL), checked
	 * against {@code clock}, for an app whose test moves time instead of waiting.
	 */
	public static JwtTokens jwtTokens(Clock clock) {
		return new JwtTokens(new JwtSettings(JWSAlgorithm.HS256, SECRET.getBytes(StandardCharsets.UTF_8), null, null,
				Duration.ofHours(1), null, null), clock);
	}

	public static JWTClaimsSet.Builder claims(String subject, List<String> permissions) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject(subject)
			.claim("email", subject + "@example.test")
			.claim("permissions", permissions)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)));
	}

	static String hs(JWSAlgorithm algorithm, byte[] secret, JWTClaimsSet claims) {
		return sign(new JWSHeader(algorithm), claims, macSigner(secret));
	}

	public static String hs256(JWTClaimsSet claims) {
		return hs(JWSAlgorithm.HS256, SECRET.getBytes(StandardCharsets.UTF_8), claims);
	}

	static String rs256(RSAPrivateKey key, JWTClaimsSet claims) {
		return sign(new JWSHeader(JWSAlgorithm.RS256), claims, new RSASSASigner(key));
	}

	/** An unsecured JWT: header {@code {"alg":"none"}} and an empty signature. */
	static String none(JWTClaimsSet claims) {
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		String header = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + ".";
	}

	/** The same token with its payload replaced and the original signature kept. */
	static String withPayload(String token, Map<String, Object> payload) {
		String[] parts = token.split("\\.");
		String json;
		try {
			json = JWTClaimsSet.parse(payload).toString();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
		parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
		return String.join(".", parts);
	}

	static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String pem(String kind, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----\n";
	}

	private static JWSSigner macSigner(byte[] secret) {
		try {
			return new MACSigner(secret);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
