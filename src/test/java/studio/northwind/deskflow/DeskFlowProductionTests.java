package studio.northwind.deskflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.config.ConfigException;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * DeskFlow with {@code APP_ENV=production}: no first-run {@code .env}, no development
 * seed, and a missing JWT secret stops the boot with a message naming the keys to set.
 */
class DeskFlowProductionTests {

	private static RunningApp.Builder deskFlow(Path dir) {
		return RunningApp.of(DeskFlowApplication.class)
			.projectDir(dir)
			.settings(ShippedConfig.settingsIni())
			.rrYaml(ShippedConfig.rrYaml())
			.file("environment/.env.example", ShippedConfig.envExample());
	}

	@Test
	void aProductionStartWithoutASecretFailsNamingTheKeys(@TempDir Path dir) {
		Throwable failure = catchThrowable(() -> deskFlow(dir).property("APP_ENV=production").start());
		assertThat(configException(failure)).as("the boot stops with the reason, not a stack of bean errors")
			.hasMessageContaining("JWT_SECRET")
			.hasMessageContaining("JWT secret is missing. Set JWT_SECRET, [jwt] SECRET, or APP_KEY.");
		assertThat(dir.resolve("environment/.env")).as("production never invents a secret").doesNotExist();
	}

	@Test
	void theSeedIsOffInProductionAndStaysOffWhenALaterStartForgetsAppEnv(@TempDir Path dir) throws IOException {
		try (RunningApp app = deskFlow(dir).dotEnv(ShippedConfig.dotEnv()).property("APP_ENV=production").start()) {
			DeskFlowCalls calls = new DeskFlowCalls(app);
			calls.call("{\"service\":\"task\",\"action\":\"list\"}")
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnData.tasks.length()")
				.isEqualTo(0);
			calls
				.call("{\"service\":\"member\",\"action\":\"login\",\"email\":\"alex@northwind.studio\","
						+ "\"password\":\"secret\"}")
				.expectStatus()
				.isUnauthorized();
			JdbcClient jdbc = app.bean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM members").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM projects").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '2' AND success")
				.query(Long.class)
				.single()).as("version 2 is recorded, so no later start can seed this database").isOne();
		}
		assertThat(Files.exists(dir.resolve("environment/.env"))).isTrue();
		try (RunningApp app = deskFlow(dir).start()) {
			new DeskFlowCalls(app).call("{\"service\":\"task\",\"action\":\"list\"}")
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnData.tasks.length()")
				.isEqualTo(0);
		}
	}

	@Test
	void repositoriesAreThemselvesNotExceptionTranslationProxies(@TempDir Path dir) {
		try (RunningApp app = deskFlow(dir).dotEnv(ShippedConfig.dotEnv()).property("APP_ENV=production").start()) {
			// JdbcClient already throws DataAccessException; a proxy per repository is a
			// CGLIB class made at every boot and a hop on every call.
			for (String repository : List.of("taskRepository", "memberRepository", "projectSummaryQuery",
					"mailOutbox")) {
				assertThat(AopUtils.isAopProxy(app.bean(repository, Object.class))).as(repository).isFalse();
			}
		}
	}

	private static ConfigException configException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConfigException config) {
				return config;
			}
		}
		throw new AssertionError("the boot should fail with a ConfigException, but failed with " + failure);
	}

}
