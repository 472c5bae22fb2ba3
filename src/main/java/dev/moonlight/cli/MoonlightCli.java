package dev.moonlight.cli;

import org.springframework.boot.SpringApplication;

import picocli.CommandLine;

/**
 * Entry point of a Moonlight application's jar: {@code java -jar app.jar [command] [options]}. With no command it
 * runs {@code runserver}, as RoadRunner's {@code serve} is the default of {@code rr}.
 */
public final class MoonlightCli {

	private MoonlightCli() {
	}

	/** Parses {@code args}, runs the command and returns its exit code (2 for wrong arguments). */
	public static int run(Class<?> application, String... args) {
		CommandLine cli = new CommandLine(new RunServerCommand(application));
		String[] commandArgs = (args.length > 0 && "runserver".equals(args[0]))
				? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
		return cli.execute(commandArgs);
	}

	/** Runs the CLI and exits the JVM only when the command did not leave a server running. */
	public static void main(Class<?> application, String... args) {
		int code = run(application, args);
		if (code != RunServerCommand.SERVING) {
			System.exit(code);
		}
	}

	static SpringApplication application(Class<?> application) {
		return new SpringApplication(application);
	}

}
