package dev.moonlight.cli;

import java.util.concurrent.Callable;

import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code workers [-i] [--json]}: the running server's worker pool, from its admin RPC:
 * each worker's state, executions, CPU time, bytes allocated and current action with its
 * age, then the queue, the supervisor and the process (RSS, heap, GC, connections).
 * {@code -i} redraws it in place every second until Ctrl+C, as RoadRunner's
 * {@code rr workers -i} does; {@code --json} prints the RPC's result for scripts (with
 * {@code -i}, one object a line).
 */
@Command(name = "workers", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Show the running server's workers (state, executions, CPU, memory allocated, current action "
				+ "and its age), the queue, and the process (RSS, heap, GC, connections).")
final class WorkersCommand extends ServerCommand implements Callable<Integer> {

	/** Moves the cursor home and clears the screen, so the table redraws in place. */
	static final String CLEAR = "\u001B[H\u001B[2J";

	@Option(names = { "-i", "--interactive" }, description = "Refresh in place until Ctrl+C.")
	private boolean interactive;

	@Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
			description = "Seconds between refreshes with -i (default: ${DEFAULT-VALUE}).")
	private double interval;

	@Option(names = "--count", paramLabel = "N", description = "With -i, stop after N refreshes.")
	private Integer count;

	@Option(names = "--json",
			description = "Print the server's answer as JSON (with -i, one object a line) instead of the table.")
	private boolean json;

	@Override
	public Integer call() {
		RpcClient rpc = rpcOrSay(project());
		if (rpc == null) {
			return 1;
		}
		if (interval <= 0 || (count != null && count < 1)) {
			return fail("workers: --interval must be above 0 and --count at least 1.");
		}
		for (int shown = 1;; shown++) {
			RpcReply reply = call(rpc, "workers", rpc.params());
			if (reply == null) {
				return 1;
			}
			out().print(render(reply.result()));
			if (!interactive || (count != null && shown >= count)) {
				out().flush();
				return 0;
			}
			if (!json) {
				out().println("Every " + interval + "s; Ctrl+C to stop.");
			}
			out().flush();
			if (!pause()) {
				return 0;
			}
		}
	}

	private String render(JsonNode result) {
		if (json) {
			// One line a refresh with -i, so a script can read them as they come.
			return (interactive ? result.toString() : result.toPrettyString()) + System.lineSeparator();
		}
		return interactive ? CLEAR + WorkersTable.render(result) : WorkersTable.render(result);
	}

	private boolean pause() {
		try {
			Thread.sleep((long) (interval * 1000));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
