package dev.moonlight.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.config.ConfigException;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.jobs.JobControl;
import dev.moonlight.jobs.JobsAutoConfiguration;
import dev.moonlight.rpc.JobsMethods;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the {@code jobs:*} commands share. Each is one {@code jobs.*} method of the admin
 * RPC ({@link JobsMethods}): when the project's server answers, it runs there, which also
 * shows the server's memory pipeline and works while it holds the embedded H2 file. When
 * nothing listens, the command boots the application without a web server and without
 * consuming jobs, and runs the same method in-process on the job store (the jdbc and amqp
 * pipelines live in the database, so every process sees them). Either way the command
 * prints the method's result, as a table or {@code --json}, so the output does not depend
 * on which side answered.
 */
abstract class JobsCommand implements Callable<Integer> {

	private static final String PROJECT_PROPERTY = "moonlight.project-dir";

	private final Class<?> application;

	@Spec
	CommandSpec spec;

	@Mixin
	ProjectOption projectOption;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
	boolean help;

	@Option(names = "--json", description = "Print JSON instead of a table.")
	boolean json;

	@Unmatched
	List<String> springArguments = new ArrayList<>();

	JobsCommand(Class<?> application) {
		this.application = application;
	}

	/** The {@code jobs.*} method this command is. */
	abstract String method();

	/** Fills the method's parameters from the command's arguments. */
	void params(ObjectNode params) {
	}

	/** Prints the method's result; answers the exit code. */
	abstract int print(JsonNode result, Output output);

	@Override
	public Integer call() {
		for (String argument : springArguments) {
			if (!argument.startsWith("--") || !argument.contains("=")) {
				throw new ParameterException(spec.commandLine(), "Unknown argument '" + argument + "'.");
			}
		}
		ObjectNode params = JobsMethods.params();
		params(params);
		Output output = new Output(spec, json);
		RpcClient rpc;
		try {
			rpc = project().rpc(this::environment);
		}
		catch (ConfigException ex) {
			return output.fail(ex.getMessage());
		}
		try {
			RpcReply reply = rpc.call(method(), params);
			return reply.ok() ? print(reply.result(), output) : output.fail(reply.error());
		}
		catch (RpcClient.NotRunningException ex) {
			return inProcess(params, output);
		}
		catch (IOException ex) {
			// Something listens but does not answer: booting beside it would not help (it
			// may hold the H2 file).
			return output.fail(ex.getMessage());
		}
	}

	/** No server runs: boot the application for this one call. */
	private int inProcess(ObjectNode params, Output output) {
		ConfigurableApplicationContext context;
		try {
			context = boot();
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported a failed boot (with its analysis); a
			// second stack trace adds nothing.
			return 1;
		}
		try (context) {
			return print(new JobsMethods(context.getBean(JobControl.class)).call(method(), params), output);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return output.fail(ex.getMessage());
		}
	}

	/**
	 * {@code --project-dir}, else {@code --moonlight.project-dir=} as the boot would read
	 * it, else the usual order.
	 */
	private ProjectFolder project() {
		String dir = springProperty(PROJECT_PROPERTY);
		return (dir != null) ? ProjectFolder.locate(Path.of(dir), spec.root()) : projectOption.project(spec.root());
	}

	/**
	 * What the boot would see: {@code --key=value} arguments first, then system
	 * properties and the environment.
	 */
	private String environment(String name) {
		String argument = springProperty(name);
		return (argument != null) ? argument : ProjectFolder.environment().apply(name);
	}

	private String springProperty(String name) {
		String prefix = "--" + name + "=";
		for (int i = springArguments.size() - 1; i >= 0; i--) {
			if (springArguments.get(i).startsWith(prefix)) {
				return springArguments.get(i).substring(prefix.length());
			}
		}
		return null;
	}

	private ConfigurableApplicationContext boot() {
		SpringApplication app = MoonlightCli.application(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		// A level, not logging.threshold.console: see RoutesCommand.
		app.setDefaultProperties(
				Map.of("logging.level.root", "error", JobsAutoConfiguration.CONSUME_PROPERTY, "false"));
		List<String> arguments = new ArrayList<>(springArguments);
		if (springProperty(PROJECT_PROPERTY) == null) {
			arguments.add("--" + PROJECT_PROPERTY + "=" + project().dir());
		}
		return app.run(arguments.toArray(String[]::new));
	}

	/** Where a command prints: a table (or a line) for people, or the result as JSON. */
	record Output(CommandSpec spec, boolean json) {

		/** The envelope's mapper, as the results are written with it. */
		private static final ObjectWriter PRETTY = MoonlightJson.create().mapper().writerWithDefaultPrettyPrinter();

		/**
		 * Prints {@code data} as JSON with {@code --json}, else the text {@code table}
		 * gives.
		 */
		void print(JsonNode data, Supplier<String> table) {
			PrintWriter out = spec.commandLine().getOut();
			out.print(json ? PRETTY.writeValueAsString(data) + System.lineSeparator() : table.get());
			out.flush();
		}

		/**
		 * Says {@code message} on stderr after the command's name and answers exit code
		 * 1.
		 */
		int fail(String message) {
			PrintWriter err = spec.commandLine().getErr();
			err.println(spec.name() + ": " + message);
			err.flush();
			return 1;
		}

		/** A text field, or {@code null} when it is missing or null. */
		static String text(JsonNode node, String field) {
			JsonNode value = node.get(field);
			return (value == null || value.isNull()) ? null : value.asString();
		}

		/** The strings of an array. */
		static List<String> strings(JsonNode array) {
			return array.valueStream().map(JsonNode::asString).toList();
		}

	}

}
