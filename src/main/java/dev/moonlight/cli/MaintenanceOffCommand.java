package dev.moonlight.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import dev.moonlight.config.ConfigException;
import dev.moonlight.maintenance.MaintenanceSwitch;
import dev.moonlight.maintenance.MaintenanceState;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Command;

/**
 * {@code maintenance:off} ({@code up}): through the running server's admin RPC, or by
 * itself when no server runs; either way {@code storage/run/maintenance.json} is deleted,
 * with its bypass token. Says whether maintenance was on, with Pionia's sentences, and
 * fails when the configuration keeps it on.
 */
@Command(name = "maintenance:off", aliases = "up", mixinStandardHelpOptions = true,
		versionProvider = BuildVersion.class,
		description = "Serve requests again; deletes " + MaintenanceSwitch.PATH + " and its bypass token.")
final class MaintenanceOffCommand extends ServerCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		ProjectFolder project = project();
		RpcClient rpc = rpcOrSay(project);
		if (rpc == null) {
			return 1;
		}
		try {
			RpcReply reply = rpc.call("maintenance.off");
			if (!reply.ok()) {
				return fail("maintenance:off: the server refused: " + reply.error());
			}
			return report(reply.result().path("was_enabled").asBoolean(), reply.result().path("enabled").asBoolean(),
					"");
		}
		catch (RpcClient.NotRunningException ex) {
			return withoutServer(project);
		}
		catch (IOException ex) {
			return fail("maintenance:off: " + ex.getMessage());
		}
	}

	private int withoutServer(ProjectFolder project) {
		MaintenanceSwitch file = new MaintenanceSwitch(project.dir(), project.storage());
		try {
			boolean wasEnabled = file.state(ProjectFolder.environment()).enabled();
			boolean deleted = file.turnOff();
			MaintenanceState after = file.state(ProjectFolder.environment());
			return report(wasEnabled, after.enabled(), deleted
					? "No server is running; " + project.show(file.path()) + " was deleted." + System.lineSeparator()
					: "");
		}
		catch (IOException | ConfigException ex) {
			return fail("maintenance:off: cannot update " + project.show(file.path()) + ": " + ex.getMessage());
		}
	}

	private int report(boolean wasEnabled, boolean stillEnabled, String note) {
		if (stillEnabled) {
			return fail("maintenance:off: the configuration keeps maintenance on: [maintenance] ENABLED in "
					+ "environment/settings.ini, or MAINTENANCE_MODE in the environment or .env; set it to false there.");
		}
		out().print(note);
		out().println(wasEnabled ? MaintenanceReport.LIVE : MaintenanceReport.NOT_ON);
		out().flush();
		return 0;
	}

}
