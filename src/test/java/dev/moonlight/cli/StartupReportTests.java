package dev.moonlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.ClockedStartup;
import org.springframework.core.metrics.StartupStep;

import dev.moonlight.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -Dmoonlight.startup-report}: a number records the startup; anything else is said
 * and ignored.
 */
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

	@Test
	void aStepsOwnTimeIsItsTimeLessTheStepsInsideIt() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-05T00:00:00Z"));
		BufferingApplicationStartup startup = ClockedStartup.of(100, clock);
		StartupStep outer = startup.start("outer");
		clock.advance(Duration.ofMillis(100));
		StartupStep inner = startup.start("inner").tag("bean", "b");
		clock.advance(Duration.ofMillis(200));
		inner.end();
		clock.advance(Duration.ofMillis(700));
		outer.end();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		new StartupReport(startup, 1, new PrintStream(printed, true, StandardCharsets.UTF_8)).print();
		assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
				"Startup report: the 1 longest of 2 steps (total: the step with the steps inside it; own: without them)",
				"   1000 ms total     800 ms own  outer  ", ""));
		printed.reset();
		new StartupReport(startup, 5, new PrintStream(printed, true, StandardCharsets.UTF_8)).print();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("    200 ms total     200 ms own  inner  bean=b");
	}

}
