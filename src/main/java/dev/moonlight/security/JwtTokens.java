package dev.moonlight.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;

/**
 * Issues and verifies the bearer tokens of the JWT backend with nimbus-jose-jwt.
 * Verification accepts only the configured algorithm (so {@code alg: none} and HS/RS
 * confusion fail), then checks the signature, {@code exp} and {@code nbf} (with
 * {@link JwtSettings#CLOCK_SKEW}), and {@code iss} / {@code aud} when configured.
 */
public final class JwtTokens {

	private final JwtSettings settings;

	private final JWSSigner signer;

	private final JWSVerifier verifier;

	private final DefaultJWTClaimsVerifier<?> claimsVerifier;

	private final Clock clock;

	public JwtTokens(JwtSettings settings) {
		this(settings, Clock.systemUTC());
	}

	JwtTokens(JwtSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		try {
			if (settings.secret() != null) {
				this.signer = new MACSigner(settings.secret());
				this.verifier = new MACVerifier(settings.secret());
			}
			else {
				this.signer = (settings.privateKey() != null) ? new RSASSASigner(settings.privateKey()) : null;
				this.verifier = new RSASSAVerifier(settings.publicKey());
			}
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot use the JWT key: " + ex.getMessage(), ex);
		}
		this.claimsVerifier = claimsVerifier(settings, clock);
	}

	private static DefaultJWTClaimsVerifier<?> claimsVerifier(JwtSettings settings, Clock clock) {
		JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
		if (settings.issuer() != null) {
			exact.issuer(settings.issuer());
		}
		Set<String> audience = (settings.audience() != null) ? Set.of(settings.audience()) : null;
		Set<String> required = new HashSet<>(Set.of("exp"));
		// exp and nbf are checked by the clock that issues (nimbus would read the
		// system's), so a test that moves time moves it for both.
		DefaultJWTClaimsVerifier<?> verifier = new DefaultJWTClaimsVerifier<SecurityContext>(audience, exact.build(),
				required, null) {

			@Override
			protected Date currentTime() {
				return Date.from(clock.instant());
			}

		};
		verifier.setMaxClockSkew((int) JwtSettings.CLOCK_SKEW.toSeconds());
		return verifier;
	}

	/**
	 * Signs a token for {@code subject}, adding {@code iat}, {@code exp} (now + TTL), and
	 * {@code iss} / {@code aud} when configured.
	 * @param subject the {@code sub} claim, usually the member's id
	 * @param claims further claims such as {@code email} and {@code permissions}; they
	 * may not replace the above
	 * @return the compact token
	 * @throws IllegalStateException when this instance only verifies (RS256 with a public
	 * key alone)
	 */
	public String issue(String subject, Map<String, ?> claims) {
		if (signer == null) {
			throw new IllegalStateException(
					"JWT_PRIVATE_KEY is not set; this instance can verify tokens but not issue them.");
		}
		Instant now = clock.instant();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.forEach(builder::claim);
		builder.subject(subject).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(settings.ttl())));
		if (settings.issuer() != null) {
			builder.issuer(settings.issuer());
		}
		if (settings.audience() != null) {
			builder.audience(settings.audience());
		}
		JWSHeader header = new JWSHeader.Builder(settings.algorithm()).type(JOSEObjectType.JWT).build();
		SignedJWT token = new SignedJWT(header, builder.build());
		try {
			token.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the token: " + ex.getMessage(), ex);
		}
		return token.serialize();
	}

	/**
	 * The claims of a valid token.
	 * @param token the compact token (without {@code Bearer })
	 * @return the claims, or empty when the token is malformed, signed otherwise,
	 * expired, not yet valid, or for another issuer or audience
	 */
	public Optional<JWTClaimsSet> verify(String token) {
		if (!canonical(token)) {
			return Optional.empty();
		}
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!settings.algorithm().equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
				return Optional.empty();
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			claimsVerifier.verify(claims, null);
			return Optional.of(claims);
		}
		catch (ParseException | JOSEException | BadJWTException | IllegalStateException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether the token is three parts of canonical base64url without padding, as
	 * {@link #issue} writes them. The parser is lenient (padding, unused low bits), which
	 * would let one signed token have many spellings; a token that is not the one
	 * spelling is refused, before any of it is decoded as JSON.
	 */
	static boolean canonical(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || !isBase64UrlAlphabet(part)) {
				return false;
			}
			byte[] decoded;
			try {
				decoded = Base64.getUrlDecoder().decode(part);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
			if (!Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(part)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBase64UrlAlphabet(String part) {
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			boolean letterOrDigit = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
			if (!letterOrDigit && c != '-' && c != '_') {
				return false;
			}
		}
		return true;
	}

	/** The lifetime of issued tokens, for clients that want {@code expires_in}. */
	public long ttlSeconds() {
		return settings.ttl().toSeconds();
	}

}
