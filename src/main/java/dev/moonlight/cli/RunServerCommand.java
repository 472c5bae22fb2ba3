package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code runserver [--host H] [--port P]}: boots the application once and serves until stopped. The address
 * options outrank every configuration file (SPEC §3); other {@code --name=value} arguments pass to Spring.
 */
@Command(name = "runserver", mixinStandardHelpOptions = true, version = "Moonlight runserver 0.1.0",
		description = "Boot the application once and serve HTTP until stopped.")
final class RunServerCommand implements Callable<Integer> {

	/** Exit code meaning "the server is running"; the JVM stays up. */
	static final int SERVING = -1;

	private final Class<?> application;

	@Option(names = "--host", paramLabel = "HOST", description = "Address to listen on; may embed a port (host:port).")
	private String host;

	@Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0 picks a free one).")
	private String port;

	@Unmatched
	private List<String> springArguments = new ArrayList<>();

	RunServerCommand(Class<?> application) {
		this.application = application;
	}

	@Override
	public Integer call() {
		for (String argument : springArguments) {
			if (!argument.startsWith("--") || !argument.contains("=")) {
				System.err.println("runserver: unknown argument '" + argument + "'. Try 'runserver --help'.");
				return 2;
			}
		}
		List<String> args = new ArrayList<>(springArguments);
		if (host != null) {
			args.add("--moonlight.cli.host=" + host);
		}
		if (port != null) {
			args.add("--moonlight.cli.port=" + port);
		}
		try {
			MoonlightCli.application(application).run(args.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the failure (with its analysis); a second stack trace adds nothing.
			return 1;
		}
		return SERVING;
	}

}
