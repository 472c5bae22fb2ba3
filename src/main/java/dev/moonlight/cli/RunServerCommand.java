package dev.moonlight.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.moonlight.accesslog.AccessLogAutoConfiguration;
import dev.moonlight.config.CliOverrides;
import dev.moonlight.config.ConfigException;
import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.jobs.JobsAutoConfiguration;
import dev.moonlight.logging.LogRotation;
import dev.moonlight.logging.RotatingConsole;
import dev.moonlight.reload.HandOverFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code runserver [--host H] [--port P] [--detach] [--raw] [--mode=http|jobs]}: boots
 * the application once and serves until stopped, printing a start banner and one
 * access-log line a request. The address options outrank every configuration file (SPEC
 * §3); other {@code --name=value} arguments pass to Spring. {@code --detach} serves from
 * a new JVM in the background instead ({@link DetachedServer}). {@code --mode=jobs}
 * starts a consumer-only process: no HTTP listener, it works the jobs of the jdbc and
 * amqp pipelines it shares with the servers, until SIGTERM lets its running jobs finish.
 */
@Command(name = "runserver", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Boot the application once and serve HTTP (and work jobs) until stopped;"
				+ " --mode=jobs only works jobs.")
final class RunServerCommand implements Callable<Integer> {

	/** Exit code meaning "the server is running"; the JVM stays up. */
	static final int SERVING = -1;

	static final String MODE_HTTP = "http";

	static final String MODE_JOBS = "jobs";

	private final Class<?> application;

	@Spec
	private CommandSpec spec;

	@Option(names = "--host", paramLabel = "HOST", description = "Address to listen on; may embed a port (host:port).")
	private String host;

	@Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0 picks a free one).")
	private String port;

	@Option(names = { "-d", "--detach" },
			description = "Serve in the background: log to storage/logs/<app>.log, pid in storage/run/<app>.pid.")
	private boolean detach;

	@Option(names = "--raw", description = "Access log as one JSON object a line instead of the formatted line.")
	private boolean raw;

	@Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "120",
			description = "With --detach, how long the server may take to answer /health (default: ${DEFAULT-VALUE}).")
	private long startTimeout = 120;

	@Option(names = "--mode", paramLabel = "MODE", defaultValue = "http",
			description = "http (default): serve the API and work jobs; jobs: only work jobs, no HTTP listener.")
	private String mode = MODE_HTTP;

	@Unmatched
	private List<String> springArguments = new ArrayList<>();

	/** The command's name in usage lines when no command line parsed the arguments. */
	private final String cliName;

	RunServerCommand(Class<?> application) {
		this(application, null, List.of());
	}

	private RunServerCommand(Class<?> application, String cliName, List<String> springArguments) {
		this.application = application;
		this.cliName = cliName;
		this.springArguments.addAll(springArguments);
	}

	/**
	 * {@code runserver} with only Spring properties as arguments
	 * ({@code --name.more=value}), as {@code java -jar app.jar} starts a server, built
	 * without a command line: picocli's classes (compiled for Java 5, which a CDS archive
	 * or an AOT cache cannot hold) take about 0.4 s to load and verify, a tenth of a cold
	 * start. runserver's own options have no dot in their names, so any of them, or any
	 * other argument, leaves this empty and goes to the command line, which parses and
	 * explains it.
	 */
	static Optional<RunServerCommand> withOnlySpringArguments(Class<?> application, String cliName, String... args) {
		for (String argument : args) {
			int equals = argument.indexOf('=');
			if (!argument.startsWith("--") || equals < 0 || argument.lastIndexOf('.', equals) < 0) {
				return Optional.empty();
			}
		}
		return Optional.of(new RunServerCommand(application, cliName, List.of(args)));
	}

	@Override
	public Integer call() {
		for (String argument : springArguments) {
			if (!argument.startsWith("--") || !argument.contains("=")) {
				throw new ParameterException(spec.commandLine(),
						"runserver: unknown argument '" + argument + "'. Try 'runserver --help'.");
			}
		}
		if (!MODE_HTTP.equals(mode) && !MODE_JOBS.equals(mode)) {
			System.err.println("runserver: unknown mode '" + mode + "'; use --mode=http or --mode=jobs.");
			return 2;
		}
		try {
			return detach ? detach() : serve();
		}
		catch (ConfigException ex) {
			tellTheOldProcess(ex.getMessage());
			return fail(ex.getMessage());
		}
		catch (IOException | IllegalStateException ex) {
			tellTheOldProcess(ex.getMessage());
			return fail("runserver: " + ex.getMessage());
		}
	}

	/**
	 * In a reload's new process that did not start: the reason, for the old one and the
	 * {@code reload} command.
	 */
	private static void tellTheOldProcess(String reason) {
		HandOverFile.ofEnvironment(System::getenv).ifPresent((file) -> {
			try {
				file.failed(ProcessHandle.current().pid(), reason);
			}
			catch (IOException ex) {
				// The old process sees this one exit and says so without the reason; its
				// log has it.
			}
		});
	}

	/**
	 * What a failed boot says: its own message, and the first cause's when that one is
	 * more precise.
	 */
	private static String reasonOf(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
			if (root instanceof ConfigException) {
				return root.getMessage();
			}
		}
		String top = String.valueOf(failure.getMessage());
		return (root == failure || top.contains(String.valueOf(root.getMessage()))) ? top
				: top + " (cause: " + root.getMessage() + ")";
	}

	private int serve() {
		List<String> args = new ArrayList<>(springArguments);
		if (MODE_JOBS.equals(mode)) {
			args.add("--spring.main.web-application-type=none");
			args.add("--" + JobsAutoConfiguration.MODE_PROPERTY + "=" + MODE_JOBS);
		}
		if (host != null) {
			args.add("--moonlight.cli.host=" + host);
		}
		if (port != null) {
			args.add("--moonlight.cli.port=" + port);
		}
		if (springArguments.stream()
			.noneMatch((argument) -> argument.startsWith("--" + AccessLogAutoConfiguration.PROPERTY + "="))) {
			args.add("--" + AccessLogAutoConfiguration.PROPERTY + "=" + (raw ? "raw" : "pretty"));
		}
		ConfigurableApplicationContext context;
		try {
			context = MoonlightCli.application(application).run(args.toArray(String[]::new));
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// Spring AOT's build-time run ends here by design (see MoonlightCli.run).
			throw ex;
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the failure (with its analysis); a second
			// stack trace adds nothing.
			tellTheOldProcess(reasonOf(ex));
			return 1;
		}
		if (MODE_JOBS.equals(mode)) {
			TrainingRun.startIfAsked(context, System.out, System::exit);
			// No web server keeps the JVM alive; wait until shutdown (SIGTERM) has closed
			// the context gracefully.
			awaitClose(context);
			return 0;
		}
		PrintWriter out = out();
		out.print(ServerBanner.render(context, commandName(), RotatingConsole.isDetached()));
		out.flush();
		TrainingRun.startIfAsked(context, System.out, System::exit);
		return SERVING;
	}

	private int detach() throws IOException {
		if (MODE_JOBS.equals(mode)) {
			throw new ParameterException(spec.commandLine(),
					"runserver: --detach waits for /health, which a --mode=jobs process does not serve; run it under a"
							+ " supervisor (systemd, a container) instead.");
		}
		if (startTimeout < 1) {
			throw new ParameterException(spec.commandLine(), "runserver: --start-timeout must be at least 1 second.");
		}
		// The log file keeps access lines as JSON for machines; runserver:logs formats
		// them for people again.
		List<String> childArgs = new ArrayList<>(List.of("runserver", "--raw"));
		if (host != null) {
			childArgs.addAll(List.of("--host", host));
		}
		if (port != null) {
			childArgs.addAll(List.of("--port", port));
		}
		if (MODE_JOBS.equals(mode)) {
			childArgs.add("--mode=" + MODE_JOBS);
		}
		childArgs.addAll(springArguments);
		ProjectFolder project = ProjectFolder.locate(projectDir(), spec.root());
		// The child writes its log itself, rolling it as .rr.yaml logs: says (size, age,
		// backups, compress).
		LogRotation rotation = LogRotation
			.read(MoonlightConfigLoader.files(project.dir(), project.application().files(), ProjectFolder.environment())
				.rr(), project.dir());
		return new DetachedServer(project, spec.root().name(), spec.commandLine().getOut(), spec.commandLine().getErr())
			.start(ChildCommand.of(application, rotation.detachedJvmOptions(project.logFile()), childArgs),
					new CliOverrides(host, port), Duration.ofSeconds(startTimeout));
	}

	/**
	 * {@code --moonlight.project-dir=DIR} among the Spring arguments, as the server
	 * itself would read it.
	 */
	private Path projectDir() {
		String prefix = "--moonlight.project-dir=";
		return springArguments.stream()
			.filter((argument) -> argument.startsWith(prefix))
			.map((argument) -> Path.of(argument.substring(prefix.length())))
			.reduce((first, last) -> last)
			.orElse(null);
	}

	/**
	 * The console: picocli's when it parsed the arguments, else the process's own (a
	 * start with only Spring ones).
	 */
	private PrintWriter out() {
		return (spec != null) ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
	}

	private PrintWriter err() {
		return (spec != null) ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
	}

	private String commandName() {
		return (spec != null) ? spec.root().name() : cliName;
	}

	private int fail(String message) {
		PrintWriter err = err();
		err.println(message);
		err.flush();
		return 1;
	}

	private static void awaitClose(ConfigurableApplicationContext context) {
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> closed.countDown());
		while (context.isActive()) {
			try {
				if (closed.await(1, TimeUnit.SECONDS)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
