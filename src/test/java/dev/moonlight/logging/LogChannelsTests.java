package dev.moonlight.logging;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.config.RrYaml;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logs.level} and {@code logs.channels}: a level for all, and one per channel. */
@ExtendWith(OutputCaptureExtension.class)
class LogChannelsTests {

	@Test
	void aPluginChannelStandsForItsPackagesAndADottedNameIsALogger() {
		RrYaml rr = RrYaml.parse("""
				logs:
				  channels:
				    jobs: {level: error}
				    studio.northwind.deskflow:
				      level: debug
				""", (name) -> null);
		assertThat(LogChannels.springProperties(rr)).isEqualTo(Map.of("logging.level.dev.moonlight.jobs", "error",
				"logging.level.studio.northwind.deskflow", "debug"));
	}

	@Test
	void theGlobalLevelQuietsInfoLinesAndAChannelBringsItsOwnBack(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class).rrYaml("""
				status:
				  address: 127.0.0.1:0
				logs:
				  level: warn
				  channels:
				    http:
				      level: info
				""").start()) {
			assertThat(output.getOut()).as("dev.moonlight.server at info, by the http channel")
				.contains("Status listener listening on http://127.0.0.1:")
				.as("dev.moonlight.rpc at warn, by logs.level")
				.doesNotContain("Admin RPC listening on");
		}
	}

}
