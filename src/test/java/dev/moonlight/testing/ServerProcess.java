package dev.moonlight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A Moonlight application in a JVM of its own (same classes as the tests, started as
 * {@link ChildJvm} says), for what only a real process shows: signals and exiting. Output
 * goes to {@code server.log} in the project folder. {@link #close()} kills the process
 * (only this one, by its handle) if it is still alive, so a failing test leaves nothing
 * behind.
 */
public final class ServerProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int port;

	private ServerProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts {@code mainClass runserver --host 127.0.0.1 --port port} with
	 * {@code moonlight.project-dir}, its admin RPC on a free port (so parallel runs never
	 * race for 6001).
	 */
	public static ServerProcess start(Class<?> mainClass, Path projectDir, int port) {
		return start(mainClass, projectDir, port, List.of("--moonlight.rpc.listen=tcp://127.0.0.1:0"));
	}

	/**
	 * The same with the admin RPC where the project's {@code .rr.yaml} {@code rpc.listen}
	 * puts it, so the commands find the server as they would find a user's.
	 */
	public static ServerProcess startWithConfiguredRpc(Class<?> mainClass, Path projectDir, int port) {
		return start(mainClass, projectDir, port, List.of());
	}

	/**
	 * The same as {@link #startWithConfiguredRpc}, as the first process of a new PID
	 * namespace (Linux's {@code unshare}, as root): pid 1, as a container's main process.
	 */
	public static ServerProcess startAsPidOne(Class<?> mainClass, Path projectDir, int port) {
		return launch(projectDir, port, List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child"),
				ChildJvm.command(), arguments(mainClass, projectDir, port, List.of()), Map.of(),
				projectDir.resolve("server.log"));
	}

	private static ServerProcess start(Class<?> mainClass, Path projectDir, int port, List<String> more) {
		return launch(projectDir, port, arguments(mainClass, projectDir, port, more), Map.of());
	}

	private static List<String> arguments(Class<?> mainClass, Path projectDir, int port, List<String> more) {
		List<String> arguments = new ArrayList<>(List.of("-Dmoonlight.project-dir=" + projectDir, mainClass.getName(),
				"runserver", "--host", "127.0.0.1", "--port", Integer.toString(port), "--spring.main.banner-mode=off"));
		arguments.addAll(more);
		return arguments;
	}

	/**
	 * Starts {@code mainClass} as an operator starts a jar in a folder that holds nothing
	 * else: no argument, no project folder named, the working folder {@code dir}, and
	 * only {@code environment} (plus {@code PORT}) to configure it.
	 */
	public static ServerProcess startBare(Class<?> mainClass, Path dir, int port, Map<String, String> environment) {
		return startBare(ChildJvm.command(), mainClass, dir, port, environment);
	}

	/**
	 * The same, started by {@code java} (a {@link ChildJvm} command with options of its
	 * own).
	 */
	public static ServerProcess startBare(List<String> java, Class<?> mainClass, Path dir, int port,
			Map<String, String> environment) {
		Map<String, String> variables = new HashMap<>(environment);
		variables.put("PORT", Integer.toString(port));
		// RoadRunner's default 6001 may be another test's (or the machine's); a test
		// names its own RPC port.
		variables.putIfAbsent("MOONLIGHT_RPC_LISTEN", "tcp://127.0.0.1:" + freePort());
		return launch(dir, port, List.of(), java, List.of(mainClass.getName()), variables, dir.resolve("server.log"));
	}

	/**
	 * Runs one command of {@code mainClass} (such as {@code routes}) in {@code dir} as
	 * {@link #startBare} would start the server, and waits for it to end.
	 * @return the exit code and everything it printed
	 */
	public static Finished runCommand(Class<?> mainClass, Path dir, Map<String, String> environment, Duration timeout,
			String... arguments) throws InterruptedException {
		return runCommand(ChildJvm.command(), mainClass, dir, environment, timeout, arguments);
	}

	/**
	 * The same, run by {@code java} (a {@link ChildJvm} command with options of its own).
	 */
	public static Finished runCommand(List<String> java, Class<?> mainClass, Path dir, Map<String, String> environment,
			Duration timeout, String... arguments) throws InterruptedException {
		List<String> command = new ArrayList<>(List.of(mainClass.getName()));
		command.addAll(List.of(arguments));
		Path output = dir.resolve("command-" + System.nanoTime() + ".log");
		ServerProcess process = launch(dir, 0, List.of(), java, command, environment, output);
		try (process) {
			if (!process.awaitExit(timeout)) {
				throw new AssertionError("the command did not end in " + timeout + ":\n" + process.log());
			}
			return new Finished(process.exitValue(), process.log());
		}
	}

	/**
	 * A command that ended. @param exitCode its exit code @param output what it printed,
	 * stdout and stderr
	 */
	public record Finished(int exitCode, String output) {
	}

	private static ServerProcess launch(Path dir, int port, List<String> arguments, Map<String, String> environment) {
		return launch(dir, port, arguments, environment, dir.resolve("server.log"));
	}

	private static ServerProcess launch(Path dir, int port, List<String> arguments, Map<String, String> environment,
			Path log) {
		return launch(dir, port, List.of(), ChildJvm.command(), arguments, environment, log);
	}

	/**
	 * @param prefix what runs the JVM ({@code unshare ...}), or nothing
	 * @param java the JVM and its options up to the main class
	 */
	private static ServerProcess launch(Path dir, int port, List<String> prefix, List<String> java,
			List<String> arguments, Map<String, String> environment, Path log) {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(java);
		command.addAll(arguments);
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			// Only what the test gives configures the server, whatever the shell that
			// runs the build exports.
			builder.environment()
				.keySet()
				.removeIf((name) -> name.startsWith("MOONLIGHT_") || name.startsWith("APP_") || name.startsWith("JWT_")
						|| List.of("DATABASE_URL", "PORT", "HOST", "SERVER_PORT").contains(name));
			builder.environment().putAll(environment);
			return new ServerProcess(builder.start(), log, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A port that was free a moment ago, on 127.0.0.1. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until {@code GET /api/v1/ping} answers 200 on the plain port; fails with the
	 * log if the process dies.
	 */
	public void awaitReady(Duration timeout) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		URI ping = URI.create("http://127.0.0.1:" + this.port + "/api/v1/ping");
		awaitAlive("GET /api/v1/ping answers 200", timeout, () -> answers(client, ping));
	}

	/**
	 * Waits until another listener of the process (the TLS one starts after the plain
	 * one) accepts connections.
	 */
	public void awaitListening(int otherPort, Duration timeout) {
		awaitAlive("something listens on " + otherPort, timeout, () -> accepts(otherPort));
	}

	/**
	 * Polls {@code condition} until it holds, failing at once with the log when the
	 * process exits first.
	 */
	private void awaitAlive(String what, Duration timeout, Callable<Boolean> condition) {
		try {
			Awaitility.await(what)
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(200))
				.failFast(() -> !this.process.isAlive())
				.until(condition);
		}
		catch (TerminalFailureException ex) {
			throw new AssertionError(
					"the server exited with " + this.process.exitValue() + " before " + what + ":\n" + log(), ex);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("not within " + timeout + ": " + what + ":\n" + log(), ex);
		}
	}

	private static boolean answers(HttpClient client, URI ping) throws InterruptedException {
		try {
			return client
				.send(HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false; // not listening yet
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** SIGTERM on Linux, as {@code kill PID} or a container stop sends it. */
	public void terminate() {
		this.process.destroy();
	}

	/**
	 * SIGKILL, as {@code kill -9 PID} or the OOM killer sends it: no hook, no drain;
	 * returns once the process is gone.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new AssertionError("the server survived SIGKILL for 30 s");
		}
	}

	public boolean awaitExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The exit code of a process that has exited. */
	public int exitValue() {
		return this.process.exitValue();
	}

	public long pid() {
		return this.process.pid();
	}

	/** Whether a new TCP connection to {@code port} on 127.0.0.1 is refused. */
	public static boolean refuses(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Everything the process printed so far. */
	public String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "(no output)";
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
