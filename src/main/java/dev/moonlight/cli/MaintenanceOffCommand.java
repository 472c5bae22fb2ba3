package dev.moonlight.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import dev.moonlight.config.ConfigException;
import dev.moonlight.maintenance.MaintenanceFile;
import dev.moonlight.maintenance.MaintenanceState;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Command;

/**
 * {@code maintenance:off} ({@code up}): through the running server's admin RPC, or by writing settings.ini when no
 * server runs. Says whether maintenance was on, with Pionia's sentences.
 */
@Command(name = "maintenance:off", aliases = "up", mixinStandardHelpOptions = true,
		version = "Moonlight maintenance:off 0.1.0", description = "Serve requests again; recorded in settings.ini.")
final class MaintenanceOffCommand extends ServerCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		Project project = project();
		RpcClient rpc = rpcOrSay(project);
		if (rpc == null) {
			return 1;
		}
		try {
			RpcReply reply = rpc.call("maintenance.off");
			if (!reply.ok()) {
				return fail("maintenance:off: the server refused: " + reply.error());
			}
			return report(reply.result().path("was_enabled").asBoolean(), reply.result().path("enabled").asBoolean(), "");
		}
		catch (RpcClient.NotRunningException ex) {
			return withoutServer(project);
		}
		catch (IOException ex) {
			return fail("maintenance:off: " + ex.getMessage());
		}
	}

	private int withoutServer(Project project) {
		MaintenanceFile file = new MaintenanceFile(project.dir());
		try {
			if (!file.read(Project.environment()).enabled()) {
				return report(false, false, "");
			}
			file.turnOff();
			MaintenanceState after = file.read(Project.environment());
			return report(true, after.enabled(),
					"No server is running; " + project.show(file.path()) + " was updated." + System.lineSeparator());
		}
		catch (IOException | ConfigException ex) {
			return fail("maintenance:off: cannot update " + project.show(file.path()) + ": " + ex.getMessage());
		}
	}

	private int report(boolean wasEnabled, boolean stillEnabled, String note) {
		if (stillEnabled) {
			return fail("maintenance:off: settings.ini now says ENABLED = false, but MAINTENANCE_MODE in the environment "
					+ "(or .env) keeps maintenance on; unset it.");
		}
		out().print(note);
		out().println(wasEnabled ? MaintenanceReport.LIVE : MaintenanceReport.NOT_ON);
		out().flush();
		return 0;
	}

}
