package dev.moonlight.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -Dmoonlight.startup-report}: a number records the startup; anything else is said and ignored. */
class StartupReportTests {

	@AfterEach
	void clear() {
		System.clearProperty(StartupReport.PROPERTY);
	}

	@Test
	void aNumberRecordsTheStartupAndAnythingElseStartsWithoutIt() {
		System.setProperty(StartupReport.PROPERTY, "12");
		SpringApplication asked = new SpringApplication(Object.class);
		StartupReport.attachIfAsked(asked);
		assertThat(asked.getApplicationStartup()).isInstanceOf(BufferingApplicationStartup.class);
		System.setProperty(StartupReport.PROPERTY, "many");
		SpringApplication wrong = new SpringApplication(Object.class);
		StartupReport.attachIfAsked(wrong);
		assertThat(wrong.getApplicationStartup()).isNotInstanceOf(BufferingApplicationStartup.class);
	}

}
