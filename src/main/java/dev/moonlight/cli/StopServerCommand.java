package dev.moonlight.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stopserver}: a graceful stop through the admin RPC (in-flight calls finish
 * within {@code destroy_timeout}); when the RPC does not answer, SIGTERM to the process
 * in the pid file, which Spring also turns into a graceful stop. Exit code 0 when a
 * server was running and stopped, 1 when none was running or it would not stop.
 */
@Command(name = "stopserver", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Stop the running server gracefully (detached or not); exit code 1 when none was running.")
final class StopServerCommand extends ServerCommand implements Callable<Integer> {

	private static final Duration TERM_GRACE = Duration.ofSeconds(10);

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "90",
			description = "How long to wait for the server to finish (default: ${DEFAULT-VALUE}).")
	private long timeoutSeconds;

	@Override
	public Integer call() {
		ProjectFolder project = project();
		RpcClient configured = rpcOrSay(project);
		if (configured == null) {
			return 1;
		}
		// The server deletes its rpc.address before its listener closes; the wait for
		// that listener must not move to rpc.listen.
		RpcClient rpc = configured.pinned();
		Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
		try {
			RpcReply status = rpc.call("status");
			RpcReply stop = status.ok() ? rpc.call("stop") : status;
			if (!stop.ok()) {
				return fail("stopserver: the server refused: " + stop.error());
			}
			long pid = status.result().path("pid").asLong();
			out().println("Stopping " + status.result().path("address").asString() + " (pid " + pid + ")...");
			out().flush();
			awaitRpcClosed(rpc, deadline);
			return finish(project,
					ProcessHandle.of(pid).filter((process) -> process.pid() != ProcessHandle.current().pid()),
					deadline);
		}
		catch (RpcClient.NotRunningException ex) {
			return terminate(project, rpc, deadline);
		}
		catch (IOException ex) {
			return fail("stopserver: " + ex.getMessage());
		}
	}

	/** No RPC: the pid file's process, if it lives, gets SIGTERM. */
	private int terminate(ProjectFolder project, RpcClient rpc, Instant deadline) {
		Optional<ProcessHandle> process = project.pidFileProcess();
		if (process.isEmpty()) {
			boolean stale = project.readPid().isPresent();
			project.deletePidFile();
			return fail("No server is running: nothing answers on " + rpc.address() + " and "
					+ (stale ? project.show(project.pidFile()) + " named a process that is gone (removed it)."
							: "there is no " + project.show(project.pidFile()) + "."));
		}
		out().println("The admin RPC does not answer on " + rpc.address() + "; sending SIGTERM to pid "
				+ process.get().pid() + " (" + project.show(project.pidFile()) + ")...");
		out().flush();
		process.get().destroy();
		return finish(project, process, deadline);
	}

	/**
	 * Waits for the process to exit (SIGTERM once more at the deadline), then removes the
	 * pid file.
	 */
	private int finish(ProjectFolder project, Optional<ProcessHandle> process, Instant deadline) {
		if (process.isPresent() && !exited(process.get(), Duration.between(Instant.now(), deadline))) {
			process.get().destroy();
			if (!exited(process.get(), TERM_GRACE)) {
				return fail("stopserver: pid " + process.get().pid() + " is still running after " + timeoutSeconds
						+ "s and a SIGTERM; look at its log, or end it with 'kill -9 " + process.get().pid() + "'.");
			}
		}
		if (process.isEmpty() || project.readPid().filter((pid) -> pid == process.get().pid()).isPresent()) {
			project.deletePidFile();
		}
		out().println("Stopped.");
		out().flush();
		return 0;
	}

	/**
	 * The RPC closes once the shutdown has begun; for a server in this very JVM that is
	 * all there is to see.
	 */
	private static void awaitRpcClosed(RpcClient rpc, Instant deadline) {
		while (Instant.now().isBefore(deadline)) {
			try {
				rpc.call("status");
			}
			catch (RpcClient.NotRunningException ex) {
				return;
			}
			catch (IOException ex) {
				// Closing mid-answer: the listener is going away; look again.
			}
			if (!sleep(Duration.ofMillis(100))) {
				return;
			}
		}
	}

}
