package studio.northwind.deskflow.hostile;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The tokens the JWT cases name, {@code {{jwt:KIND}}}: made with the server's own secret,
 * issuer and audience and then broken one way each (alg none, another algorithm, expired,
 * not yet valid, wrong issuer or audience, tampered, truncated), so that only the one
 * flaw can be why the server refuses it. {@code {{jwt:valid}}} is the control.
 */
final class ForgedTokens {

	private final byte[] secret;

	private final String issuer;

	private final String audience;

	ForgedTokens(String secret, String issuer, String audience) {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.issuer = issuer;
		this.audience = audience;
	}

	String token(String kind) {
		Instant now = Instant.now();
		return switch (kind) {
			case "valid" -> hs(JWSAlgorithm.HS256, claims(now).build(), secret);
			case "none" -> unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims(now).build());
			case "none-upper" -> unsigned("{\"alg\":\"NONE\"}", claims(now).build());
			case "none-signed" -> unsigned("{\"alg\":\"none\"}", claims(now).build()) + signature(token("valid"));
			case "hs384" -> hs(JWSAlgorithm.HS384, claims(now).build(), repeatTo(secret, 48));
			case "hs512" -> hs(JWSAlgorithm.HS512, claims(now).build(), repeatTo(secret, 64));
			case "rs256" -> rs256(claims(now).build());
			case "expired" ->
				hs(JWSAlgorithm.HS256, claims(now).expirationTime(date(now.minusSeconds(3600))).build(), secret);
			case "nbf-future" ->
				hs(JWSAlgorithm.HS256, claims(now).notBeforeTime(date(now.plusSeconds(3600))).build(), secret);
			case "wrong-iss" -> hs(JWSAlgorithm.HS256, claims(now).issuer("https://evil.example").build(), secret);
			case "no-iss" -> hs(JWSAlgorithm.HS256, claims(now).issuer(null).build(), secret);
			case "wrong-aud" -> hs(JWSAlgorithm.HS256, claims(now).audience("someone-else").build(), secret);
			case "no-aud" -> hs(JWSAlgorithm.HS256, claims(now).audience((String) null).build(), secret);
			case "wrong-secret" -> hs(JWSAlgorithm.HS256, claims(now).build(),
					"another-secret-of-32-bytes-or-more!!".getBytes(StandardCharsets.UTF_8));
			case "tampered" -> tampered(token("valid"));
			case "truncated" -> token("valid").substring(0, token("valid").length() - 6);
			case "no-signature" -> token("valid").substring(0, token("valid").lastIndexOf('.') + 1);
			case "two-parts" -> token("valid").substring(0, token("valid").lastIndexOf('.'));
			case "bad-base64" -> token("valid").replaceFirst("\\.", ".*!*");
			case "extra-dot" -> token("valid") + ".";
			case "extra-equals" -> token("valid") + "=";
			case "padded-header" -> token("valid").replaceFirst("\\.", "==.");
			case "no-sub" -> hs(JWSAlgorithm.HS256, claims(now).subject(null).build(), secret);
			default -> throw new IllegalArgumentException("no forged token " + kind);
		};
	}

	/** Fills {@code {{jwt:KIND}}} in {@code text}. */
	UnaryOperator<String> placeholders() {
		return (text) -> {
			String out = text;
			for (int at = out.indexOf("{{jwt:"); at >= 0; at = out.indexOf("{{jwt:")) {
				int end = out.indexOf("}}", at);
				out = out.substring(0, at) + token(out.substring(at + 6, end)) + out.substring(end + 2);
			}
			return out;
		};
	}

	private JWTClaimsSet.Builder claims(Instant now) {
		return new JWTClaimsSet.Builder().subject("1")
			.claim("name", "Alex")
			.issuer(issuer)
			.audience(audience)
			.issueTime(date(now))
			.expirationTime(date(now.plusSeconds(600)));
	}

	private static String hs(JWSAlgorithm algorithm, JWTClaimsSet claims, byte[] key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
			jwt.sign(new MACSigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String rs256(JWTClaimsSet claims) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
			jwt.sign(new RSASSASigner((RSAPrivateKey) generator.generateKeyPair().getPrivate()));
			return jwt.serialize();
		}
		catch (JOSEException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unsigned(String header, JWTClaimsSet claims) {
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
	}

	private static String signature(String token) {
		return token.substring(token.lastIndexOf('.') + 1);
	}

	/**
	 * The valid token with its payload swapped for one claiming every permission; the
	 * signature is the old one.
	 */
	private String tampered(String valid) {
		List<String> parts = List.of(valid.split("\\."));
		String payload = claims(Instant.now()).subject("2")
			.claim("permissions", List.of("*", "task.manage", "project.manage"))
			.build()
			.toString();
		return parts.get(0) + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts.get(2);
	}

	private static byte[] repeatTo(byte[] secret, int length) {
		byte[] out = new byte[Math.max(length, secret.length)];
		for (int i = 0; i < out.length; i++) {
			out[i] = secret[i % secret.length];
		}
		return out;
	}

	private static Date date(Instant instant) {
		return Date.from(instant);
	}

}
