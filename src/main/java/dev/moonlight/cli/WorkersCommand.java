package dev.moonlight.cli;

import java.util.concurrent.Callable;

import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workers [-i]}: the running server's worker pool, from its admin RPC: each
 * worker's state, executions and current action with its age, then the queue. {@code -i}
 * redraws it in place every second until Ctrl+C, as RoadRunner's {@code rr workers -i}
 * does.
 */
@Command(name = "workers", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Show the running server's workers: state, executions, current action and its age, and the queue.")
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
			out()
				.print(interactive ? CLEAR + WorkersTable.render(reply.result()) : WorkersTable.render(reply.result()));
			if (!interactive || (count != null && shown >= count)) {
				out().flush();
				return 0;
			}
			out().println("Every " + interval + "s; Ctrl+C to stop.");
			out().flush();
			if (!pause()) {
				return 0;
			}
		}
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
