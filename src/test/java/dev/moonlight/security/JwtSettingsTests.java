package dev.moonlight.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.config.CliOverrides;
import dev.moonlight.config.ConfigException;
import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.Origin;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading {@code [jwt]} and the JWT variables, and the boot errors they cause. */
class JwtSettingsTests {

	@TempDir
	Path dir;

	private JwtSettings read(String ini, String dotEnv, Map<String, String> processEnv) throws Exception {
		Files.createDirectories(dir.resolve("environment"));
		Files.writeString(dir.resolve("environment/settings.ini"), ini);
		Files.writeString(dir.resolve("environment/.env"), dotEnv);
		MoonlightSettings settings = MoonlightConfigLoader.load(dir, processEnv::get, new CliOverrides(null, null));
		return new JwtSettingsReader(settings, processEnv::get).read();
	}

	@Test
	void theSecretComesFromTheSectionThenJwtSecretThenAppKey() throws Exception {
		String a = "a".repeat(32);
		String b = "b".repeat(32);
		String c = "c".repeat(32);
		assertThat(read("[jwt]\nSECRET = " + a + "\n", "JWT_SECRET=" + b + "\nAPP_KEY=" + c, Map.of()).secret())
			.isEqualTo(a.getBytes(StandardCharsets.UTF_8));
		assertThat(read("", "JWT_SECRET=" + b + "\nAPP_KEY=" + c, Map.of()).secret())
			.isEqualTo(b.getBytes(StandardCharsets.UTF_8));
		assertThat(read("", "APP_KEY=" + c, Map.of()).secret()).isEqualTo(c.getBytes(StandardCharsets.UTF_8));
		assertThat(read("", "JWT_SECRET=" + b, Map.of("JWT_SECRET", c)).secret())
			.as("the process environment outranks .env")
			.isEqualTo(c.getBytes(StandardCharsets.UTF_8));
		assertThat(read("", "APP_KEY=base64:" + java.util.Base64.getEncoder().encodeToString(new byte[32]), Map.of())
			.secret()).isEqualTo(new byte[32]);
	}

	@Test
	void defaultsAreHs256ForAnHour() throws Exception {
		JwtSettings settings = read("", "JWT_SECRET=" + TestTokens.SECRET, Map.of());
		assertThat(settings.algorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(settings.ttl()).hasSeconds(3600);
		assertThat(settings.issuer()).isNull();
		assertThat(settings.toString()).doesNotContain(TestTokens.SECRET);
	}

	@Test
	void aMissingSecretNamesEveryPlaceToSetIt() {
		assertThatThrownBy(() -> read("", "", Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageStartingWith("environment/.env: JWT_SECRET")
			.hasMessageContaining(JwtSettingsReader.MISSING_SECRET);
	}

	@Test
	void withoutADotEnvFileAMissingSecretIsAskedOfTheEnvironment() throws Exception {
		Files.createDirectories(dir.resolve("environment"));
		Files.writeString(dir.resolve("environment/settings.ini"), "[app_authentications]\njwt = jwt\n");
		MoonlightSettings settings = MoonlightConfigLoader.load(dir, Map.<String, String>of()::get,
				CliOverrides.none());
		assertThatThrownBy(() -> new JwtSettingsCheck().check(settings, Map.<String, String>of()::get))
			.isInstanceOfSatisfying(ConfigException.class,
					(ex) -> assertThat(ex.origin()).isEqualTo(new Origin(Origin.PROCESS_ENVIRONMENT, 0, "JWT_SECRET")))
			.hasMessageContaining(JwtSettingsReader.MISSING_SECRET);
		Files.writeString(dir.resolve("environment/settings.ini"), "");
		new JwtSettingsCheck().check(
				MoonlightConfigLoader.load(dir, Map.<String, String>of()::get, CliOverrides.none()),
				Map.<String, String>of()::get);
	}

	@Test
	void aShortSecretIsRefusedWithoutPrintingIt() {
		String shortSecret = TestTokens.SECRET.substring(0, 40);
		assertThatThrownBy(() -> read("[jwt]\nALG = HS512\n", "JWT_SECRET=" + shortSecret, Map.of()))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("environment/.env:1: JWT_SECRET")
			.hasMessageContaining("The secret is 40 bytes; HS512 needs at least 64")
			.hasMessageNotContaining(shortSecret);
		assertThatThrownBy(() -> read("", "JWT_SECRET=short", Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageContaining("HS256 needs at least 32");
	}

	@Test
	void anUnknownAlgorithmNamesTheKeyAndLine() {
		assertThatThrownBy(() -> read("[jwt]\nALG = ES256\n", "JWT_SECRET=" + TestTokens.SECRET, Map.of()))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("environment/settings.ini:2: [jwt] ALG = \"ES256\"")
			.hasMessageContaining("HS256, HS384, HS512 and RS256");
	}

	@Test
	void hs384AndHs512RoundTrip() throws Exception {
		for (String alg : List.of("HS384", "HS512")) {
			JwtTokens tokens = new JwtTokens(read("[jwt]\nALG = " + alg + "\nTTL = 60\n",
					"JWT_SECRET=" + TestTokens.SECRET + TestTokens.SECRET, Map.of()));
			String token = tokens.issue("1", Map.of("permissions", List.of("p")));
			assertThat(tokens.verify(token)).get().satisfies((claims) -> {
				assertThat(claims.getSubject()).isEqualTo("1");
				assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
			});
		}
	}

	@Test
	void rs256ReadsPemFilesRelativeToTheProjectAndSignsWithThePrivateKey() throws Exception {
		KeyPair pair = TestTokens.rsaKeyPair();
		Files.createDirectories(dir.resolve("keys"));
		Files.writeString(dir.resolve("keys/private.pem"),
				TestTokens.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		JwtTokens tokens = new JwtTokens(read("[jwt]\nALG = RS256\n", "JWT_PRIVATE_KEY=keys/private.pem\n", Map.of()));
		assertThat(tokens.verify(tokens.issue("5", Map.of()))).isPresent();
		assertThatThrownBy(() -> read("[jwt]\nALG = RS256\n", "JWT_PRIVATE_KEY=keys/missing.pem\n", Map.of()))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("keys/missing.pem");
	}

	@Test
	void aBootWithJwtEnabledAndNoSecretFailsWithTheMessage() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
			.settings("[app_authentications]\njwt = dev.moonlight.security.JwtAuthentication\n")
			.start()).as("thrown while the environment is prepared, before any bean (or migration)")
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining(JwtSettingsReader.MISSING_SECRET);
	}

	@Test
	void anUnknownBackendClassFailsTheBootNamingTheLine() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
			.settings("[app_authentications]\napi_key = com.example.NoSuchBackend\n")
			.start()).rootCause()
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining(
					"environment/settings.ini:2: [app_authentications] api_key = \"com.example.NoSuchBackend\"");
	}

}
