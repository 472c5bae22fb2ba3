package dev.moonlight.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command answers {@code --help}, and wrong arguments print its usage and exit with
 * 2.
 */
class CommandLineUsageTests {

	@ParameterizedTest
	@ValueSource(strings = { "runserver", "runserver:logs", "stopserver", "workers", "maintenance:on", "down",
			"maintenance:off", "up", "routes" })
	void helpDescribesTheCommand(String command) {
		Cli.Result result = Cli.run(command, "--help");
		assertThat(result.exit()).as("%s", result).isZero();
		assertThat(result.out()).contains("Usage:", "--help");
	}

	@ParameterizedTest
	@ValueSource(strings = { "runserver:logs --lines=many", "runserver:logs --bogus", "stopserver extra",
			"stopserver --timeout", "workers --count=x", "workers -z", "maintenance:on --retry-after=soon",
			"maintenance:on stray", "maintenance:off --message=x", "up now", "runserver stray", "runserver --port" })
	void wrongArgumentsPrintTheUsageAndExit2(String line) {
		Cli.Result result = Cli.run(line.split(" "));
		assertThat(result.exit()).as("%s", result).isEqualTo(2);
		assertThat(result.err()).contains("Usage:");
	}

	@ParameterizedTest
	@ValueSource(strings = { "runserver:logs", "stopserver", "workers", "maintenance:on", "maintenance:off" })
	void theRootHelpListsEveryCommand(String command) {
		assertThat(Cli.run("--help").out()).contains(command);
	}

}
