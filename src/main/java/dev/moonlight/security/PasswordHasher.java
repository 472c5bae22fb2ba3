package dev.moonlight.security;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * BCrypt password hashes that PHP's {@code password_hash} and {@code password_verify}
 * share: hashes made here ({@code $2a$}, cost 10) verify in PHP, and PHP's {@code $2y$}
 * hashes verify here.
 */
public final class PasswordHasher {

	/** PHP's {@code PASSWORD_DEFAULT} cost. */
	public static final int COST = 10;

	/**
	 * Burned by {@link #matches} when there is no stored hash, so an unknown account
	 * costs as long as a known one: a cost-{@value #COST} hash of two random UUIDs that
	 * nobody kept. Written here rather than hashed at each boot, which took a tenth of a
	 * second of a cold start; its result is never used, only its cost.
	 */
	static final String DECOY = "$2a$10$3oss2aty9Kj4xVQFVS83SOaUxJpZ5TbaQC74T3Ca47oA4nRUxzv6O";

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(COST);

	/**
	 * @param password the plain password
	 * @return a fresh salted hash
	 */
	public String hash(String password) {
		return encoder.encode(password);
	}

	/**
	 * Checks a password against a stored hash in about the same time whether or not the
	 * hash exists.
	 * @param password the plain password a client sent, may be {@code null}
	 * @param storedHash the stored hash; {@code null} when the account does not exist or
	 * has no password
	 * @return whether the password matches
	 */
	public boolean matches(String password, String storedHash) {
		if (storedHash == null || password == null) {
			encoder.matches(password == null ? "" : password, DECOY);
			return false;
		}
		return encoder.matches(password, storedHash);
	}

	/**
	 * Whether a stored hash should be replaced on the next successful login (older or
	 * cheaper than ours).
	 */
	public boolean needsRehash(String storedHash) {
		return storedHash != null && encoder.upgradeEncoding(storedHash);
	}

}
