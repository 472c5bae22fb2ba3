package dev.moonlight.idempotency;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context without a web server (how the CLI's {@code routes} and {@code jobs} commands
 * boot the application) starts no purge thread; the server's does (see
 * {@link IdempotencyTests}).
 */
class IdempotencyPurgeContextTests {

	@TempDir
	Path project;

	@Test
	void aCommandsContextHasNoPurge() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("moonlight.project-dir=" + project, "spring.main.banner-mode=off",
					"moonlight.jobs.consume=false")
			.run()) {
			assertThat(context.getBeanProvider(IdempotentCalls.class).getIfAvailable())
				.as("keyed calls are still configured")
				.isNotNull();
			assertThat(context.getBeanProvider(IdempotencyPurge.class).getIfAvailable()).isNull();
		}
	}

}
