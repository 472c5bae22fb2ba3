package dev.moonlight.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT backend over the wire: a bad token of any kind leaves the caller anonymous,
 * which a protected action answers with 401, while a public action still serves it. One
 * server pins HS256 with issuer and audience, another RS256.
 */
class JwtAuthenticationTests {

	private static final String SETTINGS = """
			[app_authentications]
			jwt = dev.moonlight.security.JwtAuthentication

			[jwt]
			ISSUER = deskflow-tests
			AUDIENCE = deskflow-api
			""";

	private static final KeyPair RSA = TestTokens.rsaKeyPair();

	private static RunningApp hs;

	private static RunningApp rs;

	@BeforeAll
	static void start() {
		hs = RunningApp.of(TestApplication.class)
			.settings(SETTINGS)
			.dotEnv("JWT_SECRET=" + TestTokens.SECRET + "\n")
			.start();
		String publicPem = TestTokens.pem("PUBLIC KEY", RSA.getPublic().getEncoded()).replace("\n", "\\n");
		rs = RunningApp.of(TestApplication.class)
			.settings(SETTINGS + "ALG = RS256\n")
			.dotEnv("JWT_PUBLIC_KEY=\"" + publicPem + "\"\n")
			.start();
	}

	@AfterAll
	static void stop() {
		hs.close();
		rs.close();
	}

	private static JWTClaimsSet.Builder valid() {
		return TestTokens.claims("7", List.of("vault.read")).issuer("deskflow-tests").audience("deskflow-api");
	}

	private static WebTestClient.ResponseSpec whoami(RunningApp app, String token) {
		return app.client()
			.post()
			.uri("/api/v1/vault/whoami")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Authorization", "Bearer " + token)
			.bodyValue("{}")
			.exchange();
	}

	private static void anonymous(RunningApp app, String token) {
		whoami(app, token).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo(AccessRule.LOGIN_REQUIRED);
		app.client()
			.post()
			.uri("/api/v1/vault/peek")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aValidTokenSetsTheCaller() {
		whoami(hs, TestTokens.hs256(valid().build())).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.id")
			.isEqualTo("7")
			.jsonPath("$.returnData.permissions[0]")
			.isEqualTo("vault.read");
		whoami(rs, TestTokens.rs256((RSAPrivateKey) RSA.getPrivate(), valid().build())).expectStatus().isOk();
	}

	@Test
	void anUnsecuredTokenIsRefused() {
		anonymous(hs, TestTokens.none(valid().build()));
		anonymous(rs, TestTokens.none(valid().build()));
	}

	@Test
	void algorithmConfusionIsRefused() {
		// An attacker who knows the RS256 public key signs with it as an HMAC secret.
		byte[] publicPem = TestTokens.pem("PUBLIC KEY", RSA.getPublic().getEncoded()).getBytes(StandardCharsets.UTF_8);
		anonymous(rs, TestTokens.hs(JWSAlgorithm.HS256, publicPem, valid().build()));
		anonymous(rs, TestTokens.hs(JWSAlgorithm.HS256, RSA.getPublic().getEncoded(), valid().build()));
		// And the HS256 server refuses an RS256 token, and HS512 with its own secret:
		// only the pinned algorithm.
		anonymous(hs, TestTokens.rs256((RSAPrivateKey) RSA.getPrivate(), valid().build()));
		byte[] longSecret = (TestTokens.SECRET + TestTokens.SECRET).getBytes(StandardCharsets.UTF_8);
		anonymous(hs, TestTokens.hs(JWSAlgorithm.HS512, longSecret, valid().build()));
	}

	@Test
	void expiredTokensAreRefusedBeyondTheLeeway() {
		Instant now = Instant.now();
		anonymous(hs, TestTokens.hs256(valid().expirationTime(Date.from(now.minusSeconds(120))).build()));
		whoami(hs, TestTokens.hs256(valid().expirationTime(Date.from(now.minusSeconds(20))).build())).expectStatus()
			.isOk();
		anonymous(hs, TestTokens.hs256(valid().expirationTime(null).build()));
	}

	@Test
	void notYetValidTokensAreRefusedBeyondTheLeeway() {
		Instant now = Instant.now();
		anonymous(hs, TestTokens.hs256(valid().notBeforeTime(Date.from(now.plusSeconds(300))).build()));
		whoami(hs, TestTokens.hs256(valid().notBeforeTime(Date.from(now.plusSeconds(20))).build())).expectStatus()
			.isOk();
	}

	@Test
	void aTamperedPayloadIsRefused() {
		String token = TestTokens.hs256(valid().build());
		Map<String, Object> payload = new LinkedHashMap<>(valid().build().toJSONObject());
		payload.put("permissions", List.of("vault.read", "vault.admin"));
		anonymous(hs, TestTokens.withPayload(token, payload));
	}

	@Test
	void anotherIssuerOrAudienceIsRefused() {
		anonymous(hs, TestTokens.hs256(valid().issuer("someone-else").build()));
		anonymous(hs, TestTokens.hs256(valid().issuer(null).build()));
		anonymous(hs, TestTokens.hs256(valid().audience("another-api").build()));
	}

	@Test
	void aTokenSignedWithAnotherSecretIsRefused() {
		byte[] other = TestTokens.SECRET.replace('4', '5').getBytes(StandardCharsets.UTF_8);
		anonymous(hs, TestTokens.hs(JWSAlgorithm.HS256, other, valid().build()));
	}

	@Test
	void tokensIssuedByTheServerVerify() {
		String token = hs.bean(JwtTokens.class)
			.issue("9", Map.of("email", "nine@example.test", "permissions", List.of("vault.read")));
		whoami(hs, token).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.name")
			.isEqualTo("nine@example.test");
		assertThat(rs.bean(Authenticator.class).backends()).hasSize(1).first().isInstanceOf(JwtAuthentication.class);
	}

	/**
	 * Issue 12, finding 9: the parser is lenient, so a valid token with {@code =} after
	 * its signature, or a last character whose unused bits are set, was accepted: one
	 * signature, many tokens. Only the canonical spelling is.
	 */
	@Test
	void aTokenSpelledOtherThanCanonicallyIsRefused() {
		String token = withUrlOnlyCharactersInSignature();
		whoami(hs, token).expectStatus().isOk();
		String[] parts = token.split("\\.");
		anonymous(hs, token + "=");
		anonymous(hs, token + "==");
		anonymous(hs, parts[0] + "=." + parts[1] + "." + parts[2]);
		anonymous(hs, parts[0] + "." + parts[1] + "=." + parts[2]);
		anonymous(hs, parts[0] + "." + parts[1] + "." + withUnusedBitsSet(parts[2]));
		anonymous(hs, parts[0] + "." + parts[1] + "." + parts[2].replace('-', '+').replace('_', '/'));
		anonymous(hs, token + ".");
		anonymous(hs, " " + token.replace(".", ". "));
	}

	/**
	 * A valid token whose signature has a {@code -} or {@code _}, so that its
	 * standard-alphabet spelling differs; about one signature in four has neither, and
	 * the {@code jti} changes the signature until one has.
	 */
	private static String withUrlOnlyCharactersInSignature() {
		for (int jti = 0; jti < 1000; jti++) {
			String token = TestTokens.hs256(valid().jwtID(Integer.toString(jti)).build());
			String signature = token.substring(token.lastIndexOf('.') + 1);
			if (signature.indexOf('-') >= 0 || signature.indexOf('_') >= 0) {
				return token;
			}
		}
		throw new AssertionError("no signature of 1000 had a - or _");
	}

	/**
	 * The same bytes under another spelling: the last character with its unused low bits
	 * set.
	 */
	private static String withUnusedBitsSet(String part) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int unusedBits = (part.length() % 4 == 2) ? 4 : 2;
		assertThat(part.length() % 4).as("an HS256 signature, 43 characters, has unused bits").isNotZero();
		int last = alphabet.indexOf(part.charAt(part.length() - 1));
		return part.substring(0, part.length() - 1) + alphabet.charAt(last | ((1 << unusedBits) - 1));
	}

	@Test
	void malformedAuthorizationHeadersAreAnonymous() {
		for (String header : List.of("Bearer", "Bearer ", "bearer " + TestTokens.hs256(valid().build()), "Basic abc",
				"Bearer not.a.token", "Bearer a.b")) {
			hs.client()
				.post()
				.uri("/api/v1/vault/whoami")
				.header("Authorization", header)
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

}
