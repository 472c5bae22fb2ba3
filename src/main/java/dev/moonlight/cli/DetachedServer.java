package dev.moonlight.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.moonlight.config.CliOverrides;
import dev.moonlight.config.ListenAddress;
import dev.moonlight.config.MoonlightConfigLoader;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import tools.jackson.databind.JsonNode;

/**
 * {@code runserver --detach}: refuses when this project's server already runs (live pid
 * file, answering admin RPC) or its HTTP port is taken; otherwise starts the same
 * application in a new JVM with its output appended to {@code storage/logs/<app>.log},
 * writes {@code storage/run/<app>.pid}, and returns once that server answers
 * {@code /health}. A child that dies or does not answer in time is stopped, and the end
 * of its log is shown.
 */
final class DetachedServer {

	private static final Duration POLL = Duration.ofMillis(250);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private static final int LOG_LINES_ON_FAILURE = 25;

	private final ProjectFolder project;

	private final String cli;

	private final PrintWriter out;

	private final PrintWriter err;

	DetachedServer(ProjectFolder project, String cli, PrintWriter out, PrintWriter err) {
		this.project = project;
		this.cli = cli;
		this.out = out;
		this.err = err;
	}

	/**
	 * @param command the child's command line ({@link ChildCommand})
	 * @param overrides {@code --host}/{@code --port}, to check the HTTP port before
	 * starting
	 * @param timeout how long the child may take to answer {@code /health}
	 * @return the exit code
	 */
	int start(List<String> command, CliOverrides overrides, Duration timeout) throws IOException {
		RpcClient rpc = project.rpc(PROBE_TIMEOUT);
		Optional<String> refusal = alreadyRunning(rpc).or(() -> portTaken(overrides));
		if (refusal.isPresent()) {
			return fail(refusal.get());
		}
		Path log = project.logFile();
		Files.createDirectories(log.getParent());
		long logStart = Files.exists(log) ? Files.size(log) : 0;
		// The child writes (and rolls) its log itself; what its JVM prints before that (a
		// crash at start) goes here.
		Path console = project.consoleFile();
		long consoleStart = Files.exists(console) ? Files.size(console) : 0;
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
		File devNull = new File("/dev/null");
		if (devNull.exists()) {
			builder.redirectInput(devNull);
		}
		Process child = builder.start();
		project.writePid(child.pid());
		Optional<String> address = await(child, rpc, Instant.now().plus(timeout));
		if (address.isEmpty()) {
			String why = child.isAlive()
					? "did not answer /health within " + timeout.toSeconds() + "s, so it was stopped"
					: "stopped while starting (exit code " + child.exitValue() + ")";
			stop(child);
			project.deletePidFile();
			String early = tail(console, consoleStart);
			return fail("The server " + why + ". The end of " + project.show(log) + ":" + System.lineSeparator()
					+ tail(log, logStart) + (early.isBlank() ? ""
							: System.lineSeparator() + project.show(console) + ":" + System.lineSeparator() + early));
		}
		out.println("Serving " + address.get() + " in the background (pid " + child.pid() + ").");
		out.println("  log:  " + project.show(log) + "   (" + cli + " runserver:logs)");
		out.println("  pid:  " + project.show(project.pidFile()) + "   (" + cli + " stopserver)");
		out.flush();
		return 0;
	}

	private Optional<String> alreadyRunning(RpcClient rpc) {
		Optional<ProcessHandle> pid = project.pidFileProcess();
		if (pid.isPresent()) {
			return Optional
				.of("The server is already running (pid " + pid.get().pid() + ", " + project.show(project.pidFile())
						+ "). Stop it with '" + cli + " stopserver', or see it with '" + cli + " workers'.");
		}
		return status(rpc).map((status) -> "A server of this project is already running: "
				+ status.path("address").asString() + " (pid " + status.path("pid").asLong() + ") answers on "
				+ rpc.address() + ". Stop it with '" + cli + " stopserver'.");
	}

	private Optional<String> portTaken(CliOverrides overrides) {
		ListenAddress listen = MoonlightConfigLoader
			.load(project.dir(), project.application(), ProjectFolder.environment(), overrides, (notice) -> {
				// The child reports notices in its own log; here only the address
				// matters.
			})
			.listen();
		if (listen.port() == 0) {
			return Optional.empty();
		}
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(listen.host(), listen.port()));
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of(listen.hostPort() + " is already in use by another program; stop it, or choose another "
					+ "address with --port or --host.");
		}
	}

	/**
	 * Polls until the child's RPC reports its address and that address answers /health;
	 * empty when it never does. The client finds the child's RPC through the
	 * {@code rpc.address} file the child writes once bound, so an RPC on port 0 (or on an
	 * address given to the child alone) is found too.
	 */
	private Optional<String> await(Process child, RpcClient rpc, Instant deadline) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
		while (Instant.now().isBefore(deadline) && child.isAlive()) {
			Optional<String> address = status(rpc).filter((status) -> status.path("pid").asLong() == child.pid())
				.map((status) -> status.path("address").asString());
			if (address.isPresent() && healthy(http, address.get())) {
				return address;
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	private static Optional<JsonNode> status(RpcClient rpc) {
		try {
			RpcReply reply = rpc.call("status");
			return reply.ok() ? Optional.of(reply.result()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean healthy(HttpClient http, String address) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(address + "/health"))
				.timeout(PROBE_TIMEOUT)
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** SIGTERM, then SIGKILL if it has not gone within ten seconds. */
	private static void stop(Process child) {
		child.destroy();
		try {
			if (!child.waitFor(10, TimeUnit.SECONDS)) {
				child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			child.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The last lines the child wrote (nothing before {@code from}, which older runs
	 * wrote).
	 */
	private static String tail(Path log, long from) {
		if (!Files.exists(log)) {
			return "";
		}
		try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
			// A file that rolled since is read from its start.
			long start = Math.max((from <= in.length()) ? from : 0, in.length() - 64 * 1024);
			byte[] bytes = new byte[(int) (in.length() - start)];
			in.seek(start);
			in.readFully(bytes);
			List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
			return String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
		}
		catch (IOException ex) {
			return "(cannot read it: " + ex.getMessage() + ")";
		}
	}

	private int fail(String message) {
		err.println(message);
		err.flush();
		return 1;
	}

}
