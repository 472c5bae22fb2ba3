package dev.moonlight.instance;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code MOONLIGHT_INSTANCE} names the instance in every log line, every access log line
 * and as the {@code instance} tag of every metric; without it the host name and pid do; a
 * value that is not one safe token fails the boot naming the variable.
 */
@ExtendWith(OutputCaptureExtension.class)
class InstanceIdTests {

	@Test
	void theNamedInstanceIsInLogLinesAccessLinesAndEveryMetric(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.property("MOONLIGHT_INSTANCE=web-7")
			.property("moonlight.access-log=raw")
			.start()) {
			app.client().get().uri("/api/v1/ping").header("X-Request-Id", "inst-1").exchange().expectStatus().isOk();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(output.getOut())
					.contains("\"request_id\":\"inst-1\",\"remote\":\"127.0.0.1\",\"instance\":\"web-7\"}"));
			assertThat(output.getOut()).containsPattern("(?m)^\\S+\\s+INFO .* \\[web-7\\] \\S+\\s+: ");
			String metrics = app.text("/metrics");
			assertThat(metrics).contains("jvm_threads_live_threads{instance=\"web-7\"}")
				.containsPattern("moonlight_requests_seconds_count\\{[^}]*instance=\"web-7\"");
			assertThat(metrics.lines().filter((line) -> !line.startsWith("#") && !line.isBlank()))
				.as("every series carries the tag")
				.allMatch((line) -> line.contains("instance=\"web-7\""));
		}
	}

	@Test
	void withoutTheVariableTheHostNameAndPidNameTheInstance() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			String id = app.bean(org.springframework.core.env.Environment.class).getProperty(InstanceId.PROPERTY);
			assertThat(id).matches("[A-Za-z0-9._-]+-" + ProcessHandle.current().pid());
			assertThat(app.text("/metrics")).contains("instance=\"" + id + "\"");
		}
	}

	@Test
	void anUnsafeValueFailsTheBootNamingTheVariable() {
		assertThatThrownBy(
				() -> RunningApp.of(TestApplication.class).dotEnv("MOONLIGHT_INSTANCE=\"web 7{%n}\"\n").start())
			.rootCause()
			.hasMessageContaining("MOONLIGHT_INSTANCE must be 1 to 64 letters, digits");
	}

}
