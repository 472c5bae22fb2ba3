package dev.moonlight.logging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.RrYaml;
import dev.moonlight.testapp.TestServer;
import dev.moonlight.testing.ServerProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code .rr.yaml logs.mode} and {@code logs.encoding}, as RoadRunner names them, through
 * Boot's logging.
 */
class LogFormatTests {

	@TempDir
	Path project;

	@Test
	void eachModeAndEncodingBecomesBootsLoggingProperties() {
		assertThat(format("").springProperties(true)).as("development, console: Boot's own lines").isEmpty();
		assertThat(format("  mode: production\n").springProperties(false))
			.isEqualTo(Map.of("logging.structured.format.console", "logstash"));
		assertThat(format("  mode: production\n").springProperties(true))
			.containsEntry("logging.structured.format.file", "logstash");
		assertThat(format("  mode: production\n  encoding: console\n").springProperties(true)).isEmpty();
		assertThat(format("  encoding: json\n").springProperties(false))
			.isEqualTo(Map.of("logging.structured.format.console", "logstash"));
		assertThat(format("  mode: raw\n").springProperties(false))
			.isEqualTo(Map.of("logging.pattern.console", "%m%n", "logging.pattern.file", "%m%n"));
		assertThat(format("  mode: none\n").springProperties(false)).isEqualTo(Map.of("logging.level.root", "off"));
		assertThat(format("  mode: OFF\n").mode()).isEqualTo("off");
	}

	@Test
	void aValueRoadRunnerWouldRefuseNamesItsKeyAndLine() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> format("  mode: verbose\n"))
			.withMessageContaining("logs.mode")
			.withMessageContaining(":2")
			.withMessageContaining("Use development, production, raw or none.");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> format("  encoding: xml\n"))
			.withMessageContaining("logs.encoding")
			.withMessageContaining("Use console or json.");
	}

	@Test
	void aServerInProductionModeWritesOneJsonObjectALineWithTheLevelAndMessage() throws Exception {
		Files.writeString(this.project.resolve(".rr.yaml"), "logs:\n  mode: production\n");
		int port = ServerProcess.freePort();
		try (ServerProcess server = ServerProcess.start(TestServer.class, this.project, port)) {
			server.awaitReady(Duration.ofSeconds(90));
			JsonMapper json = JsonMapper.builder().build();
			List<JsonNode> lines = server.log()
				.lines()
				.filter((line) -> line.startsWith("{\"@timestamp\""))
				.map(json::readTree)
				.toList();
			assertThat(lines).as(server.log()).isNotEmpty();
			assertThat(lines).anySatisfy((line) -> {
				assertThat(line.get("level").asString()).isEqualTo("INFO");
				assertThat(line.get("message").asString()).startsWith("Started ");
			});
			assertThat(server.log().lines().filter((line) -> line.contains(" INFO ") && line.contains("Started ")))
				.as("no console-encoded log line")
				.isEmpty();
		}
	}

	private static LogFormat format(String logs) {
		return LogFormat.read(RrYaml.parse("logs:\n" + logs, (name) -> null, ".rr.yaml"));
	}

}
