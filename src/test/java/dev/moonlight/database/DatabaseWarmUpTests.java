package dev.moonlight.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up beside the boot does the database libraries' first-use work only: the
 * application's database is neither opened nor created, and a boot that does not migrate
 * starts no warm-up.
 */
class DatabaseWarmUpTests {

	@TempDir
	Path folder;

	private StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	@Test
	void anH2ApplicationGetsAWarmUpThatLeavesItsDatabaseFileAlone() throws Exception {
		String url = "jdbc:h2:file:" + this.folder.resolve("app") + ";DB_CLOSE_ON_EXIT=FALSE";
		Optional<Thread> warmUp = new DatabaseWarmUp().start(environment(Map.of("spring.datasource.url", url)),
				getClass().getClassLoader());
		assertThat(warmUp).as("on a machine with two or more CPUs").isPresent();
		warmUp.get().join(Duration.ofSeconds(30).toMillis());
		assertThat(warmUp.get().isAlive()).isFalse();
		try (Stream<Path> files = Files.list(this.folder)) {
			assertThat(files).as("the application's H2 file is opened by its pool, not here").isEmpty();
		}
	}

	@Test
	void aBootThatDoesNotMigrateStartsNoWarmUp() {
		assertThat(new DatabaseWarmUp().start(
				environment(Map.of("spring.flyway.enabled", "false", "spring.datasource.url", "jdbc:h2:mem:x")),
				getClass().getClassLoader()))
			.isEmpty();
	}

}
