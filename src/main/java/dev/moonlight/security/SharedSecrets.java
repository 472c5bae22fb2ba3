package dev.moonlight.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compares a secret a client offers (a token, a bypass token) with the expected one. Both
 * are hashed first and the digests compared with {@link MessageDigest#isEqual}, so the
 * time taken depends on neither the content nor the length of either.
 */
public final class SharedSecrets {

	private SharedSecrets() {
	}

	/**
	 * @param expected the secret, not empty
	 * @param offered what the client sent, or {@code null}
	 * @return whether they are the same text
	 */
	public static boolean matches(String expected, String offered) {
		return offered != null && MessageDigest.isEqual(digest(expected), digest(offered));
	}

	/**
	 * The secret's SHA-256 in lower-case hex: what is kept of a secret that is only ever
	 * compared (a maintenance bypass token in a shared table or file), never the secret.
	 */
	public static String digestHex(String secret) {
		return HexFormat.of().formatHex(digest(secret));
	}

	/**
	 * Whether {@code offered} is the secret whose {@link #digestHex} is
	 * {@code expectedHex}, in a time that depends on neither's content.
	 * @param expectedHex a digest from {@link #digestHex}
	 * @param offered what the client sent, or {@code null}
	 */
	public static boolean matchesDigest(String expectedHex, String offered) {
		return offered != null && MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII),
				digestHex(offered).getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] digest(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
