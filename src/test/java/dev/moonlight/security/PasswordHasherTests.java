package dev.moonlight.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** BCrypt hashes shared with PHP's password_hash / password_verify. */
class PasswordHasherTests {

	/** {@code php -r 'echo password_hash("secret", PASSWORD_DEFAULT);'} on PHP 8.2. */
	private static final String PHP_HASH = "$2y$10$nHP/a0JZ8BBdRZjdH64bnuZIPE/EUoXxjVvcWFyo9HnG/f9A5NZAK";

	private final PasswordHasher hasher = new PasswordHasher();

	@Test
	void phpHashesVerify() {
		assertThat(hasher.matches("secret", PHP_HASH)).isTrue();
		assertThat(hasher.matches("Secret", PHP_HASH)).isFalse();
		assertThat(hasher.needsRehash(PHP_HASH)).isFalse();
	}

	@Test
	void ourHashesAreSaltedBcryptAtPhpsCost() {
		String first = hasher.hash("correct horse");
		assertThat(first).startsWith("$2a$10$").hasSize(60).isNotEqualTo(hasher.hash("correct horse"));
		assertThat(hasher.matches("correct horse", first)).isTrue();
	}

	@Test
	void aMissingHashOrPasswordNeverMatches() {
		assertThat(hasher.matches("secret", null)).isFalse();
		assertThat(hasher.matches(null, PHP_HASH)).isFalse();
		assertThat(hasher.matches("secret", "not a hash")).isFalse();
		assertThat(hasher.needsRehash("$2a$04$" + "a".repeat(53))).isTrue();
	}

	@Test
	void theDecoyCostsWhatAStoredHashCosts() {
		// An unknown account burns the decoy: at another cost its login would answer
		// faster or slower than a known one.
		assertThat(PasswordHasher.DECOY).startsWith("$2a$" + PasswordHasher.COST + "$").hasSize(60);
		assertThat(hasher.needsRehash(PasswordHasher.DECOY)).isFalse();
	}

}
