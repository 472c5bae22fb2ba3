package dev.moonlight.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** The boot log tells, once, what in .rr.yaml has no effect. */
@ExtendWith(OutputCaptureExtension.class)
class RrSectionsBootTests {

	@Test
	void anUnknownSectionIsOneWarningLineWithItsFileAndLine(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml("""
				version: "3"
				http:
				  access_logs: false
				kv:
				  local:
				    driver: memory
				server:
				  command: php worker.php
				""").start()) {
			String line = ".rr.yaml:4: section \"kv\" is not supported and is ignored.";
			assertThat(output.getOut()).contains("WARN").contains(line);
			assertThat(output.getOut().split(java.util.regex.Pattern.quote(line), -1)).as("logged once").hasSize(2);
			assertThat(output.getOut()).contains(".rr.yaml:7: section \"server\" is RoadRunner's and is ignored");
		}
	}

}
