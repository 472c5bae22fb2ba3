package dev.moonlight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.moonlight.reload.HandOverFile;
import dev.moonlight.reload.Reloader;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reload} (RoadRunner's {@code reset}): asks the running server over the admin RPC
 * to start itself again from the same command line, follows the new process until it
 * serves, writes its pid to the pid file, and waits for the old one to drain and exit.
 * Exit code 0 once the new process serves and the old one is gone (or, with
 * {@code --until=ready}, once the new one serves); 1 when no server runs, the reload is
 * refused, or the new process does not start, in which case the old one keeps serving and
 * the reason is printed.
 */
@Command(name = "reload", aliases = "reset", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Start the running server again from its jar (a new jar on disk is the new code) without "
				+ "refusing a connection: the new process serves before the old one drains.")
final class ReloadCommand extends ServerCommand implements Callable<Integer> {

	private static final Duration POLL = Duration.ofMillis(200);

	/**
	 * How long a refusal from a server that is stopping (the last reload's old one) is
	 * asked again.
	 */
	private static final Duration STOPPING_RETRIES = Duration.ofSeconds(60);

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "240",
			description = "How long to wait for the new server to serve and the old one to exit (default: ${DEFAULT-VALUE}).")
	private long timeoutSeconds;

	@Option(names = "--until", paramLabel = "WHEN", defaultValue = "stopped",
			description = "stopped (default): return once the old server has exited; ready: once the new one serves"
					+ " (for systemd's ExecReload, which must not outlive the old main process).")
	private String until;

	@Override
	public Integer call() {
		if (!"stopped".equals(until) && !"ready".equals(until)) {
			return fail("reload: --until takes 'stopped' or 'ready', not '" + until + "'.");
		}
		ProjectFolder project = project();
		RpcClient rpc = rpcOrSay(project);
		if (rpc == null) {
			return 1;
		}
		RpcReply status = call(rpc, "status", rpc.params());
		if (status == null) {
			return 1;
		}
		String address = status.result().path("address").asString();
		RpcReply reload;
		try {
			reload = askToReload(rpc, Instant.now().plus(STOPPING_RETRIES));
		}
		catch (IOException ex) {
			return fail("reload: " + ex.getMessage());
		}
		if (!reload.ok()) {
			return fail("reload refused: " + reload.error());
		}
		long old = reload.result().path("pid").asLong();
		long successor = reload.result().path("successor").asLong();
		HandOverFile file = new HandOverFile(Path.of(reload.result().path("status_file").asString()));
		out().println(
				"Reloading " + address + ": pid " + successor + " is starting; pid " + old + " serves meanwhile...");
		out().flush();
		Instant started = Instant.now();
		Instant deadline = started.plusSeconds(timeoutSeconds);
		Optional<HandOverFile.Outcome> outcome = awaitOutcome(file, deadline);
		if (outcome.isEmpty()) {
			return fail("reload: pid " + successor + " has not said whether it serves after " + timeoutSeconds
					+ " s; pid " + old + " keeps serving until it does. See the server's log.");
		}
		if (!outcome.get().ready()) {
			return fail("The new server (pid " + successor + ") did not start: " + outcome.get().reason()
					+ System.lineSeparator() + "pid " + old + " keeps serving " + address + ".");
		}
		try {
			project.writePid(successor);
		}
		catch (IOException ex) {
			err().println("reload: cannot write " + project.show(project.pidFile()) + ": " + ex.getMessage());
		}
		out().printf("pid %d serves (ready after %.1f s); pid %d drains and stops.%n", successor,
				Duration.between(started, Instant.now()).toMillis() / 1000.0, old);
		out().flush();
		if ("ready".equals(until)) {
			return 0;
		}
		Optional<ProcessHandle> oldProcess = ProcessHandle.of(old)
			.filter((process) -> process.pid() != ProcessHandle.current().pid());
		if (oldProcess.isPresent() && !exited(oldProcess.get(), Duration.between(Instant.now(), deadline))) {
			return fail("reload: pid " + old + " is still draining after " + timeoutSeconds + " s; pid " + successor
					+ " serves. Look at the log, or stop it with 'kill " + old + "'.");
		}
		out().println("Reloaded: pid " + successor + " serves " + address + ".");
		out().flush();
		return 0;
	}

	/**
	 * The {@code reload} call. Around a reload the old and the new process share the
	 * admin RPC's port; the old one, stopping, and the new one, still starting, refuse;
	 * asked again, the kernel hands the connection to either, so the call is repeated
	 * until one that serves on answers.
	 */
	private static RpcReply askToReload(RpcClient rpc, Instant until) throws IOException {
		RpcReply reply = rpc.call("reload");
		while (!reply.ok() && busy(String.valueOf(reply.error())) && Instant.now().isBefore(until)) {
			if (!sleep(POLL)) {
				break;
			}
			reply = rpc.call("reload");
		}
		return reply;
	}

	/**
	 * A refusal that passes: the process that answered is stopping, has not finished its
	 * start, or its database lent no connection in time.
	 */
	private static boolean busy(String error) {
		return error.startsWith(Reloader.STOPPING) || error.startsWith(Reloader.STARTING)
				|| error.startsWith(Reloader.DATABASE_BUSY);
	}

	private static Optional<HandOverFile.Outcome> awaitOutcome(HandOverFile file, Instant deadline) {
		while (Instant.now().isBefore(deadline)) {
			Optional<HandOverFile.Outcome> outcome = file.read();
			if (outcome.isPresent()) {
				return outcome;
			}
			if (!sleep(POLL)) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

}
