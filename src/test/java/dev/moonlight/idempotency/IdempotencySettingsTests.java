package dev.moonlight.idempotency;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.DotEnv;
import dev.moonlight.config.IniDocument;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.config.RrYaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code [idempotency]}: its defaults, the environment beneath settings.ini, and a bad
 * value stopping the boot with a message naming the file, line and key.
 */
class IdempotencySettingsTests {

	private static IdempotencySettings read(String ini, Map<String, String> env) {
		return IdempotencySettings.read(new ProjectFiles(IniDocument.parse(ini), DotEnv.empty(), RrYaml.empty()),
				env::get);
	}

	@Test
	void defaultsKeepAnswers24HoursAndLetARetryWait5Seconds() {
		IdempotencySettings settings = read("", Map.of());
		assertThat(settings.ttl()).isEqualTo(Duration.ofHours(24));
		assertThat(settings.retryWait()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.purgeEvery()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void settingsIniWinsOverTheEnvironment() {
		IdempotencySettings settings = read("[idempotency]\nTTL = 2h\n",
				Map.of("IDEMPOTENCY_TTL", "1h", "IDEMPOTENCY_WAIT", "0"));
		assertThat(settings.ttl()).isEqualTo(Duration.ofHours(2));
		assertThat(settings.retryWait()).isZero();
	}

	@Test
	void aWaitSetNotBelowExecTtlStopsTheBootNamingBothKeys() {
		ProjectFiles files = new ProjectFiles(IniDocument.parse("[idempotency]\nWAIT = 3s\n"), DotEnv.empty(),
				RrYaml.empty());
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> IdempotencySettings.read(files, Map.<String, String>of()::get, Duration.ofSeconds(3)))
			.withMessage("environment/settings.ini:2: [idempotency] WAIT = \"3s\": [idempotency] WAIT (3000ms) must be"
					+ " below http.pool.supervisor.exec_ttl (3000ms): a retry that waits as long is stopped with 504"
					+ " instead of 409.");
		ProjectFiles none = new ProjectFiles(IniDocument.parse(""), DotEnv.empty(), RrYaml.empty());
		assertThat(IdempotencySettings.read(none, Map.<String, String>of()::get, Duration.ofSeconds(2)).retryWait())
			.as("the default WAIT gives way to a short exec_ttl")
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(IdempotencySettings.read(files, Map.<String, String>of()::get, Duration.ofSeconds(4)).retryWait())
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(IdempotencySettings.read(none, Map.<String, String>of()::get, Duration.ZERO).retryWait())
			.as("no exec_ttl, no bound")
			.isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void aValueOutOfBoundsNamesItsKey() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("[idempotency]\nWAIT = 5m\n", Map.of()))
			.withMessage("environment/settings.ini:2: [idempotency] WAIT = \"5m\": A retry may wait at most 1m for"
					+ " the call it repeats.");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("", Map.of("IDEMPOTENCY_TTL", "soon")))
			.withMessageContaining("IDEMPOTENCY_TTL");
	}

}
