package dev.moonlight.cli;

import java.util.Optional;
import java.util.Set;

import org.springframework.boot.SpringApplication;

import dev.moonlight.config.ApplicationDefaults;
import dev.moonlight.devreload.DevRestart;
import dev.moonlight.logging.RotatingConsole;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of a Moonlight application's jar:
 * {@code java -jar app.jar [command] [options]}. With no command it runs
 * {@code runserver}, as RoadRunner's {@code serve} is the default of {@code rr}. Each
 * command is its own class, registered in {@link #commandLine}.
 */
public final class MoonlightCli {

	/**
	 * Options the root command answers itself; anything else without a command goes to
	 * {@code runserver}.
	 */
	private static final Set<String> ROOT_OPTIONS = Set.of("-h", "--help", "-V", "--version");

	private MoonlightCli() {
	}

	/**
	 * Parses {@code args}, runs the command and returns its exit code (2 for wrong
	 * arguments).
	 */
	public static int run(Class<?> application, String... args) {
		Optional<RunServerCommand> serve = RunServerCommand.withOnlySpringArguments(application,
				commandName(application), args);
		if (serve.isPresent()) {
			try {
				return serve.get().call();
			}
			catch (SpringApplication.AbandonedRunException ex) {
				// Spring AOT's build-time run (process-aot) stops the boot with it once
				// the bean definitions are known: it is the run's result, not a failure.
				throw ex;
			}
			catch (RuntimeException ex) {
				// What picocli's execute would do with it: say it and fail, rather than
				// leave a half-started JVM up.
				System.err.println("runserver: " + ex);
				return 1;
			}
		}
		CommandLine cli = commandLine(application);
		return cli.execute(withDefaultCommand(cli, args));
	}

	/**
	 * Runs the CLI and exits the JVM only when the command did not leave a server
	 * running.
	 */
	public static void main(Class<?> application, String... args) {
		// .rr.yaml reload under spring-boot:run: DevTools takes main over from here.
		DevRestart.initialize(args);
		// A server that runserver --detach started prints into its rotating log from the
		// first line on.
		RotatingConsole.installIfDetached();
		int code = run(application, args);
		if (code != RunServerCommand.SERVING) {
			System.exit(code);
		}
	}

	/**
	 * The root command and every subcommand; a new command is one more
	 * {@code addSubcommand} line.
	 */
	static CommandLine commandLine(Class<?> application) {
		CommandLine cli = new CommandLine(new Root(ApplicationDefaults.of(application)));
		cli.setCommandName(commandName(application));
		cli.addSubcommand(new RunServerCommand(application));
		cli.addSubcommand(new LogsCommand());
		cli.addSubcommand(new StopServerCommand());
		cli.addSubcommand(new ReloadCommand());
		cli.addSubcommand(new WorkersCommand());
		cli.addSubcommand(new MaintenanceOnCommand());
		cli.addSubcommand(new MaintenanceOffCommand());
		cli.addSubcommand(new RoutesCommand(application));
		cli.addSubcommand(new JobsListCommand(application));
		cli.addSubcommand(new JobsStatsCommand(application));
		cli.addSubcommand(new JobsPauseCommand(application));
		cli.addSubcommand(new JobsResumeCommand(application));
		cli.addSubcommand(new JobsFailedCommand(application));
		cli.addSubcommand(new JobsRetryCommand(application));
		return cli;
	}

	static SpringApplication application(Class<?> application) {
		SpringApplication spring = new SpringApplication(application);
		// The application's class, not this one: Spring AOT's initializer is named for
		// it.
		spring.setMainApplicationClass(application);
		StartupReport.attachIfAsked(spring);
		return spring;
	}

	private static String[] withDefaultCommand(CommandLine cli, String[] args) {
		if (args.length > 0 && (cli.getSubcommands().containsKey(args[0]) || ROOT_OPTIONS.contains(args[0]))) {
			return args;
		}
		String[] routed = new String[args.length + 1];
		routed[0] = "runserver";
		System.arraycopy(args, 0, routed, 1, args.length);
		return routed;
	}

	/**
	 * {@code ShopApplication} → {@code shop}, for usage lines and the names of the files
	 * a server keeps.
	 */
	private static String commandName(Class<?> application) {
		return ApplicationDefaults.of(application).fileName();
	}

	/**
	 * The command above the commands: it only answers {@code --help} (listing them) and
	 * {@code --version}.
	 */
	@Command(mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
			description = "A Moonlight application. Without a command it runs 'runserver'.")
	static final class Root implements Runnable {

		private final ApplicationDefaults application;

		Root(ApplicationDefaults application) {
			this.application = application;
		}

		/**
		 * What the application declares (its name, the files its jar carries), for
		 * commands that do not boot it.
		 */
		ApplicationDefaults application() {
			return this.application;
		}

		@Override
		public void run() {
			// Never reached with arguments: run() routes everything but the root options
			// to a command.
		}

	}

}
