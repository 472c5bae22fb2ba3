package dev.moonlight.jobs;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import com.zaxxer.hikari.HikariDataSource;

import dev.moonlight.config.ConfigException;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The jobs section in a boot: read once (its notices logged once), its errors failing the
 * boot with file, line and key, and the connection pool sized for the job workers.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobsSectionBootTests {

	private static final String JOBS_ON = "[jobs]\nENABLED = true\n";

	private static final String POOLS = "http:\n  pool:\n    num_workers: 2\njobs:\n  pool:\n    num_workers: 3\n";

	@Test
	void withJobsOnThePoolHasAConnectionPerJobWorkerAndOneForTheConsumer(CapturedOutput output) throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings(JOBS_ON)
			.rrYaml(POOLS + "  pipelines:\n    jdbc:\n      driver: jdbc\n      config:\n        exchange: x\n")
			.start()) {
			assertThat(app.bean(Environment.class).getProperty("spring.datasource.hikari.maximum-pool-size"))
				.as("Moonlight's size: 2 + 2 for HTTP")
				.isEqualTo("4");
			HikariDataSource pool = app.bean(DataSource.class).unwrap(HikariDataSource.class);
			assertThat(pool.getMaximumPoolSize()).as("3 + 1 for jobs beside them").isEqualTo(8);
			assertThat(pool.getMinimumIdle()).isEqualTo(8);
			assertThat(app.bean(JobsSection.class).pool().numWorkers()).isEqualTo(3);
		}
		assertThat(output.getAll().split("jobs.pipelines.jdbc.config.exchange is not a Moonlight pipeline key", -1))
			.as("the notice, logged once")
			.hasSize(2);
	}

	@Test
	void withJobsOffThePoolIsSizedForHttpAlone() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml(POOLS).start()) {
			assertThat(app.bean(DataSource.class).unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(4);
		}
	}

	@Test
	void aSizeOrIdleFloorTheApplicationWroteIsItsOwn() throws Exception {
		try (RunningApp app = application("spring.datasource.hikari.minimum-idle", "1").start()) {
			HikariDataSource pool = app.bean(DataSource.class).unwrap(HikariDataSource.class);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(8);
			assertThat(pool.getMinimumIdle()).isEqualTo(1);
		}
		try (RunningApp app = application("spring.datasource.hikari.maximum-pool-size", "5").start()) {
			HikariDataSource pool = app.bean(DataSource.class).unwrap(HikariDataSource.class);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
			assertThat(pool.getMinimumIdle()).as("Moonlight's floor, 8, as far as the size allows").isEqualTo(5);
		}
	}

	@Test
	void aBadValueFailsTheBootNamingFileLineAndKey() {
		assertThatException()
			.isThrownBy(() -> RunningApp.of(TestApplication.class).settings("[jobs]\nENABLED = maybe\n").start())
			.havingRootCause()
			.isInstanceOf(ConfigException.class)
			.withMessageStartingWith("environment/settings.ini:2: [jobs] ENABLED = \"maybe\":");
		assertThatException()
			.isThrownBy(() -> RunningApp.of(TestApplication.class)
				.settings(JOBS_ON)
				.rrYaml("jobs:\n  pipelines:\n    q:\n      driver: kafka\n")
				.start())
			.havingRootCause()
			.isInstanceOf(ConfigException.class)
			.withMessage(".rr.yaml:4: jobs.pipelines.q.driver = \"kafka\": Unknown driver; use one of memory, jdbc,"
					+ " amqp.");
	}

	/**
	 * Jobs on, with a pool property set as application.properties or a variable would:
	 * above Moonlight's own source.
	 */
	private static RunningApp.Builder application(String property, String value) {
		return RunningApp.of(TestApplication.class)
			.settings(JOBS_ON)
			.rrYaml(POOLS)
			.initializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("application", Map.of(property, value))));
	}

}
