package dev.moonlight.security;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The JWT backend's settings, read once at boot by {@link JwtSettingsReader}: the pinned
 * algorithm, its key and the claims every token carries. Exactly one of {@code secret}
 * (HS*) or {@code publicKey} (RS256) is set.
 *
 * @param algorithm the only algorithm accepted, {@code HS256} unless {@code [jwt] ALG} /
 * {@code JWT_ALG} say otherwise
 * @param secret the HMAC secret (HS256/384/512), at least as long as the hash
 * @param privateKey the RS256 signing key; {@code null} when this instance only verifies
 * @param publicKey the RS256 verification key
 * @param ttl the lifetime of issued tokens ({@code [jwt] TTL} / {@code JWT_TTL} seconds,
 * default 3600)
 * @param issuer the {@code iss} issued and required, or {@code null}
 * @param audience the {@code aud} issued and required, or {@code null}
 */
public record JwtSettings(JWSAlgorithm algorithm, byte[] secret, RSAPrivateKey privateKey, RSAPublicKey publicKey,
		Duration ttl, String issuer, String audience) {

	/**
	 * How far {@code exp} and {@code nbf} may be off, for clocks that differ between
	 * machines.
	 */
	public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	public JwtSettings {
		secret = (secret != null) ? secret.clone() : null;
	}

	@Override
	public byte[] secret() {
		return (secret != null) ? secret.clone() : null;
	}

	/** Never prints the key material. */
	@Override
	public String toString() {
		return "JwtSettings[algorithm=" + algorithm + ", ttl=" + ttl + ", issuer=" + issuer + ", audience=" + audience
				+ "]";
	}

}
