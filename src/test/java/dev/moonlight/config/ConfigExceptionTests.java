package dev.moonlight.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigExceptionTests {

	@Test
	void messageNamesFileLineKeyValueAndReason() {
		ConfigException ex = new ConfigException(new Origin(IniDocument.FILE, 12, "[server] PORT"), "abc",
				"Port must be a whole number between 0 and 65535.");
		assertThat(ex.getMessage()).isEqualTo(
				"environment/settings.ini:12: [server] PORT = \"abc\": Port must be a whole number between 0 and 65535.");
		assertThat(ex.origin().key()).isEqualTo("[server] PORT");
		assertThat(ex.value()).isEqualTo("abc");
		assertThat(ex.reason()).isEqualTo("Port must be a whole number between 0 and 65535.");
	}

	@Test
	void messageLeavesOutWhatIsUnknown() {
		assertThat(new ConfigException(new Origin(RrYaml.FILE, 3, null), null, "Invalid YAML: x.").getMessage())
			.isEqualTo(".rr.yaml:3: Invalid YAML: x.");
		assertThat(new ConfigException(new Origin(DotEnv.FILE, 0, "PORT"), null, "Missing.").getMessage())
			.isEqualTo("environment/.env: PORT: Missing.");
		assertThat(new ConfigException(new Origin(DotEnv.FILE, 4, null), "junk", "Bad line.").getMessage())
			.isEqualTo("environment/.env:4: \"junk\": Bad line.");
	}

	@Test
	void originKnowsPseudoFiles() {
		assertThat(Origin.commandLine("--port").isFile()).isFalse();
		assertThat(Origin.processEnvironment("PORT").location()).isEqualTo("process environment");
		assertThat(new Origin(RrYaml.FILE, 9, "http.address").location()).isEqualTo(".rr.yaml:9");
	}

}
