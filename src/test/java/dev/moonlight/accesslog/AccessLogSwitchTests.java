package dev.moonlight.accesslog;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code .rr.yaml} {@code http.access_logs} over the wire. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogSwitchTests {

	@Test
	void accessLogsFalseWritesNoLineEvenWhenRunserverAsksForThem(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  access_logs: false\n")
			.property("moonlight.access-log=pretty")
			.start()) {
			app.text("/api/v1/ping");
			// No writer exists, so no line can follow later.
			assertThatThrownBy(() -> app.bean(AccessLog.class)).isInstanceOf(NoSuchBeanDefinitionException.class);
			assertThat(output.getOut()).doesNotContainPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  GET     /api/v1/ping");
		}
	}

	@Test
	void accessLogsTrueTurnsThePrettyLogOnInAnEmbeddedRun(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml("http:\n  access_logs: true\n").start()) {
			app.text("/api/v1/ping");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getOut())
					.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  GET     /api/v1/ping  200 "));
		}
	}

	@Test
	void accessLogsTrueKeepsTheRawFormatRunserverChose(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  access_logs: true\n")
			.property("moonlight.access-log=raw")
			.start()) {
			app.text("/api/v1/ping");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getOut()).contains("\"path\":\"/api/v1/ping\""));
		}
	}

}
