package dev.moonlight.database;

import org.junit.jupiter.api.Test;

import dev.moonlight.config.ConfigException;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A value of the Flyway skip switch that is neither true nor false stops the boot, naming
 * the property.
 */
class MigrationSettingsCheckTests {

	@Test
	void aTypoInTheSwitchStopsTheBootBeforeAnyBean() {
		assertThatThrownBy(
				() -> RunningApp.of(TestApplication.class).property(UnchangedMigrations.PROPERTY + "=flase").start())
			.as("thrown while the environment is prepared, before Flyway")
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining(UnchangedMigrations.PROPERTY)
			.hasMessageContaining("flase")
			.hasMessageContaining("Must be true");
	}

	@Test
	void trueAndFalseInAnyCaseBoot() {
		for (String value : new String[] { "FALSE", "True" }) {
			try (RunningApp app = RunningApp.of(TestApplication.class)
				.property(UnchangedMigrations.PROPERTY + "=" + value)
				.start()) {
				app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			}
		}
	}

}
