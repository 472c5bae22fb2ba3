package dev.moonlight.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.jobs.JobControl;
import dev.moonlight.jobs.JobsAutoConfiguration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * What the {@code jobs:*} commands share: they boot the application without a web server and without consuming jobs,
 * act on the job store through {@link JobControl} (the jdbc and amqp pipelines live in the database, so every process
 * sees them), print a table or {@code --json}, and exit. Once the admin RPC lands, a running server answers them
 * instead, which also shows its memory pipeline.
 */
abstract class JobsCommand implements Callable<Integer> {

	private final Class<?> application;

	@Spec
	CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
	boolean help;

	@Option(names = "--json", description = "Print JSON instead of a table.")
	boolean json;

	@Unmatched
	List<String> springArguments = new ArrayList<>();

	JobsCommand(Class<?> application) {
		this.application = application;
	}

	/** The command's work against the control API; answers the exit code. */
	abstract int run(JobControl control, Output output);

	@Override
	public Integer call() {
		for (String argument : springArguments) {
			if (!argument.startsWith("--") || !argument.contains("=")) {
				throw new ParameterException(spec.commandLine(), "Unknown argument '" + argument + "'.");
			}
		}
		ConfigurableApplicationContext context;
		try {
			context = boot();
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported a failed boot (with its analysis); a second stack trace adds nothing.
			return 1;
		}
		try (context) {
			return run(context.getBean(JobControl.class), new Output(spec, json, context.getBean(MoonlightJson.class)));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			PrintWriter err = spec.commandLine().getErr();
			err.println(spec.name() + ": " + ex.getMessage());
			err.flush();
			return 1;
		}
	}

	private ConfigurableApplicationContext boot() {
		SpringApplication app = MoonlightCli.application(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		// A level, not logging.threshold.console: see RoutesCommand.
		app.setDefaultProperties(Map.of("logging.level.root", "error", JobsAutoConfiguration.CONSUME_PROPERTY, "false"));
		return app.run(springArguments.toArray(String[]::new));
	}

	/** Where a command prints: a table (or a line) for people, or the same data as JSON. */
	record Output(CommandSpec spec, boolean json, MoonlightJson mapper) {

		/** Prints {@code data} as JSON with {@code --json}, else the text {@code table} gives. */
		void print(Object data, java.util.function.Supplier<String> table) {
			PrintWriter out = spec.commandLine().getOut();
			out.print(json ? mapper.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(data) + System.lineSeparator()
					: table.get());
			out.flush();
		}

		void line(String text) {
			print(Map.of("message", text), () -> text + System.lineSeparator());
		}

	}

}
