package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.moonlight.jobs.JobsAutoConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code runserver [--host H] [--port P] [--mode=http|jobs]}: boots the application once and serves until stopped.
 * The address options outrank every configuration file (SPEC §3); other {@code --name=value} arguments pass to
 * Spring. {@code --mode=jobs} starts a consumer-only process: no HTTP listener, it works the jobs of the jdbc and
 * amqp pipelines it shares with the servers, until SIGTERM lets its running jobs finish.
 */
@Command(name = "runserver", mixinStandardHelpOptions = true, version = "Moonlight runserver 0.1.0",
		description = "Boot the application once and serve HTTP (and work jobs) until stopped;"
				+ " --mode=jobs only works jobs.")
final class RunServerCommand implements Callable<Integer> {

	/** Exit code meaning "the server is running"; the JVM stays up. */
	static final int SERVING = -1;

	static final String MODE_HTTP = "http";

	static final String MODE_JOBS = "jobs";

	private final Class<?> application;

	@Option(names = "--host", paramLabel = "HOST", description = "Address to listen on; may embed a port (host:port).")
	private String host;

	@Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0 picks a free one).")
	private String port;

	@Option(names = "--mode", paramLabel = "MODE", defaultValue = "http",
			description = "http (default): serve the API and work jobs; jobs: only work jobs, no HTTP listener.")
	private String mode;

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
		if (!MODE_HTTP.equals(mode) && !MODE_JOBS.equals(mode)) {
			System.err.println("runserver: unknown mode '" + mode + "'; use --mode=http or --mode=jobs.");
			return 2;
		}
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
		ConfigurableApplicationContext context;
		try {
			context = MoonlightCli.application(application).run(args.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the failure (with its analysis); a second stack trace adds nothing.
			return 1;
		}
		if (MODE_JOBS.equals(mode)) {
			// No web server keeps the JVM alive; wait until shutdown (SIGTERM) has closed the context gracefully.
			awaitClose(context);
			return 0;
		}
		return SERVING;
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
