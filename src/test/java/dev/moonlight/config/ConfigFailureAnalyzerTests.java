package dev.moonlight.config;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigFailureAnalyzerTests {

	private final ConfigFailureAnalyzer analyzer = new ConfigFailureAnalyzer();

	@Test
	void badSettingsValueNamesKeyFileAndLine() {
		FailureAnalysis analysis = analyze(new ConfigException(new Origin(IniDocument.FILE, 12, "[server] PORT"), "abc",
				ValueParsers.PORT_REASON));
		assertThat(analysis.getDescription()).isEqualTo(
				"environment/settings.ini:12: [server] PORT = \"abc\": Port must be a whole number between 0 and 65535.");
		assertThat(analysis.getAction())
			.isEqualTo("Fix the value of [server] PORT in environment/settings.ini (line 12).");
	}

	@Test
	void malformedLineNamesTheLine() {
		FailureAnalysis analysis = analyze(new ConfigException(new Origin(RrYaml.FILE, 6, null), null,
				"Invalid YAML: mapping values are not allowed here."));
		assertThat(analysis.getDescription())
			.isEqualTo(".rr.yaml:6: Invalid YAML: mapping values are not allowed here.");
		assertThat(analysis.getAction()).isEqualTo("Fix line 6 of .rr.yaml.");
	}

	@Test
	void commandLineAndEnvironmentAreNamedAsSuch() {
		assertThat(
				analyze(new ConfigException(Origin.commandLine("--port"), "x", ValueParsers.PORT_REASON)).getAction())
			.isEqualTo("Fix the --port option on the command line.");
		assertThat(analyze(new ConfigException(Origin.processEnvironment("PORT"), "x", ValueParsers.PORT_REASON))
			.getAction()).isEqualTo("Fix the environment variable (or Spring property) PORT.");
		assertThat(analyze(new ConfigException(new Origin(IniDocument.FILE, 0, "[db] database_name"), null, "Missing."))
			.getAction()).isEqualTo("Fix the value of [db] database_name in environment/settings.ini.");
	}

	@Test
	void findsTheConfigExceptionInsideOtherFailures() {
		ConfigException cause = new ConfigException(new Origin(DotEnv.FILE, 2, "PORT"), "x", ValueParsers.PORT_REASON);
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("server", "wrapped", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).isEqualTo("Fix the value of PORT in environment/.env (line 2).");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void isRegisteredInSpringFactories() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.logging(LogFactory.getLog(getClass()))))
			.as("Boot finds and instantiates the analyzer")
			.hasAtLeastOneElementOfType(ConfigFailureAnalyzer.class);
	}

	private FailureAnalysis analyze(ConfigException ex) {
		return this.analyzer.analyze(ex);
	}

}
