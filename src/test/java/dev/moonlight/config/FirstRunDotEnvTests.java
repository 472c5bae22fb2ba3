package dev.moonlight.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The first run of a fresh checkout: {@code .env} from {@code .env.example}, blank
 * secrets filled, told once.
 */
class FirstRunDotEnvTests {

	private static final String EXAMPLE = """
			# Secrets: empty on purpose.
			APP_NAME=first-run
			JWT_SECRET=
			export APP_KEY=   # filled on the first run
			OTHER_SECRET=
			DATABASE_URL=postgres://postgres@127.0.0.1:5432/deskflow
			""";

	private final Map<String, String> processEnv = new HashMap<>();

	private final List<ConfigNotice> notices = new ArrayList<>();

	private MoonlightSettings load(Path dir) {
		return MoonlightConfigLoader.load(dir, processEnv::get, CliOverrides.none(), notices::add);
	}

	@Test
	void aMissingEnvIsCreatedFromTheExampleWithBlankSecretsFilled(@TempDir Path dir) throws IOException {
		TestProject.in(dir).write(FirstRunDotEnv.EXAMPLE, EXAMPLE);
		MoonlightSettings settings = load(dir);
		String env = Files.readString(dir.resolve(DotEnv.FILE));
		DotEnv parsed = DotEnv.parse(env);
		assertThat(parsed.get("JWT_SECRET").orElseThrow().value()).matches("[0-9a-f]{64}");
		assertThat(parsed.get("APP_KEY").orElseThrow().value()).matches("[0-9a-f]{64}");
		assertThat(parsed.get("OTHER_SECRET").orElseThrow().value()).as("only the known secrets are generated")
			.isEmpty();
		assertThat(env).contains("# Secrets: empty on purpose.", "# filled on the first run",
				"DATABASE_URL=postgres://postgres@127.0.0.1:5432/deskflow");
		assertThat(settings.app().name()).as("the new file is the one this boot reads").isEqualTo("first-run");
		assertThat(notices).singleElement().satisfies((notice) -> {
			assertThat(notice.toString()).startsWith("environment/.env: Created from environment/.env.example")
				.contains("JWT_SECRET and APP_KEY")
				.doesNotContain(parsed.get("JWT_SECRET").orElseThrow().value());
			assertThat(notice.warning()).isFalse();
		});
	}

	@Test
	void twoCheckoutsGetDifferentSecrets(@TempDir Path one, @TempDir Path two) throws IOException {
		TestProject.in(one).write(FirstRunDotEnv.EXAMPLE, EXAMPLE);
		TestProject.in(two).write(FirstRunDotEnv.EXAMPLE, EXAMPLE);
		load(one);
		load(two);
		assertThat(secret(one, "JWT_SECRET")).isNotEqualTo(secret(two, "JWT_SECRET"));
		assertThat(secret(one, "APP_KEY")).isNotEqualTo(secret(two, "APP_KEY")).isNotEqualTo(secret(one, "JWT_SECRET"));
	}

	@Test
	void anExistingEnvIsNeverTouched(@TempDir Path dir) throws IOException {
		TestProject.in(dir).write(FirstRunDotEnv.EXAMPLE, EXAMPLE).dotEnv("APP_NAME=mine\n");
		load(dir);
		assertThat(Files.readString(dir.resolve(DotEnv.FILE))).isEqualTo("APP_NAME=mine\n");
		assertThat(notices).isEmpty();
	}

	@Test
	void productionCreatesNothing(@TempDir Path dir) {
		TestProject.in(dir).write(FirstRunDotEnv.EXAMPLE, EXAMPLE);
		processEnv.put("APP_ENV", "Production");
		load(dir);
		assertThat(dir.resolve(DotEnv.FILE)).doesNotExist();
		assertThat(notices).isEmpty();
	}

	@Test
	void withoutAnExampleThereIsNoEnv(@TempDir Path dir) {
		load(dir);
		assertThat(dir.resolve(DotEnv.FILE)).doesNotExist();
		assertThat(notices).isEmpty();
	}

	@Test
	void theCreatedFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
		TestProject.in(dir).write(FirstRunDotEnv.EXAMPLE, EXAMPLE);
		load(dir);
		assertThat(Files.getPosixFilePermissions(dir.resolve(DotEnv.FILE)))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
	}

	private static String secret(Path dir, String name) throws IOException {
		return DotEnv.parse(Files.readString(dir.resolve(DotEnv.FILE))).get(name).orElseThrow().value();
	}

}
