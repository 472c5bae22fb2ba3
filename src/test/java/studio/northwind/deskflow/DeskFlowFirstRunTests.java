package studio.northwind.deskflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh checkout, as the README's {@code ./mvnw spring-boot:run} meets it: the shipped
 * files and no {@code environment/.env}. The first run writes {@code .env} from
 * {@code .env.example} with fresh secrets, says so once, and serves the tutorial with no
 * set-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeskFlowFirstRunTests {

	private static final String NOTICE = "Created from environment/.env.example with fresh JWT_SECRET and APP_KEY";

	private static RunningApp start(Path dir) {
		return RunningApp.of(DeskFlowApplication.class)
			.projectDir(dir)
			.settings(ShippedConfig.settingsIni())
			.rrYaml(ShippedConfig.rrYaml())
			.file("environment/.env.example", ShippedConfig.envExample())
			// The example's .env turns the TCP servers on at fixed ports; a test takes
			// free ones.
			.property(ShippedConfig.TCP_ENVELOPE_ON_FREE_PORT)
			.property(ShippedConfig.TCP_SMTP_ON_FREE_PORT)
			.start();
	}

	@Test
	void theFirstRunCreatesEnvWithFreshSecretsAndServesTheTutorial(@TempDir Path first, @TempDir Path second,
			CapturedOutput output) throws IOException {
		try (RunningApp app = start(first)) {
			new DeskFlowCalls(app).alex();
		}
		String firstEnv = Files.readString(first.resolve("environment/.env"));
		assertThat(secret(firstEnv, "JWT_SECRET")).matches("[0-9a-f]{64}");
		assertThat(secret(firstEnv, "APP_KEY")).matches("[0-9a-f]{64}").isNotEqualTo(secret(firstEnv, "JWT_SECRET"));
		assertThat(firstEnv).as("the rest of the example is kept")
			.contains("DESKFLOW_SEED_PASSWORD=secret", "APP_NAME=deskflow-api", "# PORT=8000");
		assertThat(count(output.getAll(), NOTICE)).as("the creation is told once").isOne();
		assertThat(output.getAll()).as("secrets are never logged")
			.doesNotContain(secret(firstEnv, "JWT_SECRET"))
			.doesNotContain(secret(firstEnv, "APP_KEY"));

		try (RunningApp app = start(first)) {
			new DeskFlowCalls(app).alex();
		}
		assertThat(Files.readString(first.resolve("environment/.env"))).as("a second run keeps the file")
			.isEqualTo(firstEnv);
		assertThat(count(output.getAll(), NOTICE)).as("and says nothing").isOne();

		try (RunningApp app = start(second)) {
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
		}
		String secondEnv = Files.readString(second.resolve("environment/.env"));
		assertThat(secret(secondEnv, "JWT_SECRET")).as("each checkout gets its own secret")
			.isNotEqualTo(secret(firstEnv, "JWT_SECRET"));
		assertThat(secret(secondEnv, "APP_KEY")).isNotEqualTo(secret(firstEnv, "APP_KEY"));
	}

	@Test
	void theShippedExampleHoldsNoSecret() {
		String example = ShippedConfig.envExample();
		assertThat(example).containsPattern("(?m)^JWT_SECRET=$")
			.containsPattern("(?m)^APP_KEY=$")
			.containsPattern("(?m)^DESKFLOW_SEED_PASSWORD=secret$");
		assertThat(ShippedConfig.settingsIni()).doesNotContainPattern("(?mi)^\\s*SECRET\\s*=");
	}

	private static String secret(String env, String name) {
		Matcher matcher = Pattern.compile("(?m)^" + name + "=(.*)$").matcher(env);
		assertThat(matcher.find()).as(name + " is in .env").isTrue();
		return matcher.group(1);
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			count++;
		}
		return count;
	}

}
