package dev.moonlight.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.DotEnv;
import dev.moonlight.config.IniDocument;
import dev.moonlight.config.PoolSection;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.config.RrYaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code [jobs]} and {@code .rr.yaml jobs}: defaults, pipelines by name or driver, and
 * errors naming file and line.
 */
class JobsSectionTests {

	private final List<ConfigNotice> notices = new ArrayList<>();

	@Test
	void withoutConfigurationJobsAreOffAndTheDefaultPipelineIsJdbc() {
		JobsSection jobs = read("", "", Map.of());
		assertThat(jobs.enabled()).isFalse();
		assertThat(jobs.defaultPipeline()).isEqualTo("jdbc");
		assertThat(jobs.maxAttempts()).isEqualTo(3);
		assertThat(jobs.backoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(jobs.pipelines()).containsExactly(PipelineSection.defaults("jdbc", "jdbc"));
		assertThat(jobs.consume()).containsExactly("jdbc");
		assertThat(jobs.pool().numWorkers()).as("one per CPU")
			.isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), PoolSection.MAX_WORKERS));
		assertThat(jobs.amqpAddress()).isEqualTo("amqp://guest:guest@127.0.0.1:5672/");
		assertThat(notices).isEmpty();
	}

	@Test
	void readsTheSettingsAndThePipelinesOfRrYaml() {
		JobsSection jobs = read("[jobs]\nENABLED = yes\nPIPELINE = broker\nMAX_ATTEMPTS = 5\nBACKOFF = 250ms\n",
				"amqp:\n  addr: amqp://u:p@rabbit:5672/\njobs:\n  pool:\n    num_workers: 2\n    destroy_timeout: 5s\n"
						+ "  consume: [broker]\n  pipelines:\n    broker:\n      driver: amqp\n      config:\n"
						+ "        queue: q.jobs\n        priority: 5\n        prefetch: 50\n    local:\n      driver: memory\n",
				Map.of());
		assertThat(jobs.enabled()).isTrue();
		assertThat(jobs.defaultPipeline()).isEqualTo("broker");
		assertThat(jobs.maxAttempts()).isEqualTo(5);
		assertThat(jobs.backoff()).isEqualTo(Duration.ofMillis(250));
		assertThat(jobs.pool().numWorkers()).isEqualTo(2);
		assertThat(jobs.pool().destroyTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(jobs.pipeline("broker")).get().satisfies((broker) -> {
			assertThat(broker.driver()).isEqualTo("amqp");
			assertThat(broker.queue()).isEqualTo("q.jobs");
			assertThat(broker.priority()).isEqualTo(5);
			assertThat(broker.prefetch()).isEqualTo(50);
		});
		assertThat(jobs.pipeline("local")).get().extracting(PipelineSection::driver).isEqualTo("memory");
		assertThat(jobs.consume()).containsExactly("broker");
		assertThat(jobs.amqpAddress()).isEqualTo("amqp://u:p@rabbit:5672/");
	}

	@Test
	void theEnvironmentTurnsJobsOnWhenSettingsIniIsSilent() {
		JobsSection jobs = read("", "", Map.of("JOBS_ENABLED", "true", "JOBS_PIPELINE", "memory"));
		assertThat(jobs.enabled()).isTrue();
		assertThat(jobs.pipelines()).containsExactly(PipelineSection.defaults("memory", "memory"));
	}

	@Test
	void theConditionsReadEnabledAloneAsTheSectionDoesWithoutItsNotices() {
		String yaml = "jobs:\n  pipelines:\n    jdbc:\n      driver: jdbc\n      config:\n        exchange: x\n";
		assertThat(enabled("", yaml, Map.of())).isFalse();
		assertThat(enabled("[jobs]\nENABLED = on\n", yaml, Map.of())).isTrue();
		assertThat(enabled("[jobs]\nENABLED =\n", yaml, Map.of("JOBS_ENABLED", "yes")))
			.as("a blank ENABLED leaves it to the variable")
			.isTrue();
		assertThat(enabled("[jobs]\nenabled = 0\n", yaml, Map.of("JOBS_ENABLED", "yes")))
			.as("settings.ini wins, in any case")
			.isFalse();
		assertThat(notices).isEmpty();
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> enabled("[jobs]\nENABLED = maybe\n", "", Map.of()))
			.withMessageStartingWith("environment/settings.ini:2: [jobs] ENABLED = \"maybe\": Expected a boolean");
	}

	@Test
	void errorsNameTheFileLineAndKey() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("[jobs]\nPIPELINE = nowhere\n", "", Map.of()))
			.withMessage(
					"environment/settings.ini:2: [jobs] PIPELINE = \"nowhere\": No pipeline of this name in .rr.yaml"
							+ " jobs.pipelines; declare it there or name a driver: memory, jdbc, amqp.");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("", "jobs:\n  pipelines:\n    q:\n      driver: kafka\n", Map.of()))
			.withMessage(
					".rr.yaml:4: jobs.pipelines.q.driver = \"kafka\": Unknown driver; use one of memory, jdbc, amqp.");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("[jobs]\nMAX_ATTEMPTS = 0\n", "", Map.of()))
			.withMessageContaining("settings.ini:2")
			.withMessageEndingWith("Attempts must be a whole number between 1 and 100.");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("", "jobs:\n  consume: [jdbc, ghost]\n", Map.of()))
			.withMessageContaining(".rr.yaml:2")
			.withMessageEndingWith("No pipeline of this name; declare it in jobs.pipelines.");
	}

	@Test
	void unknownPipelineKeysAreReportedOnce() {
		read("", "jobs:\n  pipelines:\n    jdbc:\n      driver: jdbc\n      config:\n        exchange: x\n", Map.of());
		assertThat(notices).singleElement()
			.hasToString(".rr.yaml:6: jobs.pipelines.jdbc.config.exchange is not a Moonlight"
					+ " pipeline key and is ignored; known keys: lease, poll_interval, prefetch, priority, queue,"
					+ " republish_after, visibility_timeout.");
	}

	@Test
	void anAmqpJobIsPublishedAgainAfterAMinuteUnlessSet() {
		String pipeline = "jobs:\n  pipelines:\n    broker:\n      driver: amqp\n      config:\n";
		assertThat(
				read("", pipeline + "        queue: q\n", Map.of()).pipeline("broker").orElseThrow().republishAfter())
			.isEqualTo(Duration.ofMinutes(1));
		assertThat(read("", pipeline + "        republish_after: 5s\n", Map.of()).pipeline("broker")
			.orElseThrow()
			.republishAfter()).isEqualTo(Duration.ofSeconds(5));
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("", pipeline + "        republish_after: 100ms\n", Map.of()))
			.withMessage(".rr.yaml:6: jobs.pipelines.broker.config.republish_after = \"100ms\": republish_after must be"
					+ " at least 1s.");
	}

	@Test
	void aLeaseIsTenSecondsUnlessSetAndVisibilityTimeoutIsItsOlderName() {
		assertThat(read("", "", Map.of()).pipeline("jdbc").orElseThrow().lease()).isEqualTo(Duration.ofSeconds(10));
		String pipeline = "jobs:\n  pipelines:\n    jdbc:\n      driver: jdbc\n      config:\n";
		assertThat(read("", pipeline + "        lease: 4s\n", Map.of()).pipeline("jdbc").orElseThrow().lease())
			.isEqualTo(Duration.ofSeconds(4));
		assertThat(read("", pipeline + "        visibility_timeout: 30s\n", Map.of()).pipeline("jdbc")
			.orElseThrow()
			.lease()).isEqualTo(Duration.ofSeconds(30));
		assertThat(notices).isEmpty();
		assertThat(
				read("", pipeline + "        lease: 5s\n        visibility_timeout: 60s\n", Map.of()).pipeline("jdbc")
					.orElseThrow()
					.lease())
			.isEqualTo(Duration.ofSeconds(5));
		assertThat(notices).singleElement()
			.hasToString(".rr.yaml:7: jobs.pipelines.jdbc.config.visibility_timeout is the"
					+ " older name of jobs.pipelines.jdbc.config.lease, which is set too and wins.");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("", pipeline + "        lease: 500ms\n", Map.of()))
			.withMessage(
					".rr.yaml:6: jobs.pipelines.jdbc.config.lease = \"500ms\": A lease must be at least 1s; a consumer"
							+ " renews it every third of it.");
	}

	private JobsSection read(String ini, String yaml, Map<String, String> env) {
		return new JobsSectionReader(files(ini, yaml, env), env::get, notices::add).read();
	}

	private boolean enabled(String ini, String yaml, Map<String, String> env) {
		return JobsSectionReader.enabled(files(ini, yaml, env), env::get);
	}

	private static ProjectFiles files(String ini, String yaml, Map<String, String> env) {
		return new ProjectFiles(IniDocument.parse(ini), DotEnv.empty(), RrYaml.parse(yaml, env::get));
	}

}
