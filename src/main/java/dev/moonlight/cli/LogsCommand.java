package dev.moonlight.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.moonlight.accesslog.RawAccessLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runserver:logs}: the detached server's log, last lines first, then followed
 * until Ctrl+C. The file keeps access lines as JSON (a detached server logs
 * {@code --raw}); they are shown as the pretty line unless {@code --raw} asks for them as
 * stored.
 */
@Command(name = "runserver:logs", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Show the detached server's log (storage/logs/<app>.log) and follow it until Ctrl+C.")
final class LogsCommand implements Callable<Integer> {

	private static final Duration POLL = Duration.ofMillis(250);

	@Spec
	private CommandSpec spec;

	@Mixin
	private ProjectOption projectOption;

	@Option(names = { "-n", "--lines" }, paramLabel = "N", defaultValue = "50",
			description = "How many of the last lines to show first (default: ${DEFAULT-VALUE}).")
	private int lines;

	@Option(names = "--no-follow", description = "Print the last lines and stop.")
	private boolean noFollow;

	@Option(names = { "-w", "--wait" }, description = "Wait for the log file to appear.")
	private boolean waitForFile;

	@Option(names = "--log", paramLabel = "PATH", description = "Another log file.")
	private Path log;

	@Option(names = "--raw", description = "Print access lines as stored (JSON), not formatted.")
	private boolean raw;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		// Made here, not with the command: every start of the jar builds the command
		// line, and a JSON mapper is not free to build.
		RawAccessLine accessLines = new RawAccessLine();
		ProjectFolder project = projectOption.project(spec.root());
		Path file = (log != null) ? log.toAbsolutePath() : project.logFile();
		if (lines < 0) {
			return fail("runserver:logs: --lines must be 0 or more.");
		}
		if (!Files.exists(file) && !(waitForFile && waitFor(file))) {
			return waitForFile ? 0
					: fail("runserver:logs: there is no " + project.show(file) + " yet. Start the server " + "with '"
							+ spec.root().name() + " runserver --detach', or add --wait to wait for it.");
		}
		LogTail tail = new LogTail(file);
		try {
			tail.last(lines).forEach((line) -> out.println(show(accessLines, line)));
			out.flush();
			while (!noFollow && pause()) {
				tail.poll((line) -> out.println(show(accessLines, line)));
				out.flush();
			}
			return 0;
		}
		catch (IOException ex) {
			return fail("runserver:logs: cannot read " + project.show(file) + ": " + ex.getMessage());
		}
	}

	private String show(RawAccessLine accessLines, String line) {
		return raw ? line : accessLines.pretty(line, colours()).orElse(line);
	}

	private static boolean colours() {
		return System.console() != null && System.getenv("NO_COLOR") == null;
	}

	/**
	 * Polls until the file exists; false when interrupted (Ctrl+C ends the JVM itself).
	 */
	private static boolean waitFor(Path file) {
		while (!Files.exists(file)) {
			if (!pause()) {
				return false;
			}
		}
		return true;
	}

	private static boolean pause() {
		try {
			Thread.sleep(POLL.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private int fail(String message) {
		spec.commandLine().getErr().println(message);
		spec.commandLine().getErr().flush();
		return 1;
	}

}
