package dev.moonlight.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import dev.moonlight.config.ConfigException;
import dev.moonlight.maintenance.MaintenanceStore;
import dev.moonlight.maintenance.MaintenanceSwitch;
import dev.moonlight.maintenance.MaintenanceState;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Command;

/**
 * {@code maintenance:off} ({@code up}): through the running server's admin RPC, or by
 * itself when no server runs; either way the switch
 * ({@code storage/run/maintenance.json}, or on PostgreSQL the shared database's row) is
 * deleted, with its bypass token. Says whether maintenance was on, with Pionia's
 * sentences, and fails when the configuration keeps it on.
 */
@Command(name = "maintenance:off", aliases = "up", mixinStandardHelpOptions = true,
		versionProvider = BuildVersion.class,
		description = "Serve requests again; deletes the switch (" + MaintenanceSwitch.PATH
				+ ", or its row in a PostgreSQL database every instance shares) and its bypass token.")
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
		MaintenanceStore file;
		try {
			file = OfflineMaintenance.store(project);
		}
		catch (ConfigException ex) {
			return fail("maintenance:off: " + ex.getMessage());
		}
		try {
			boolean wasEnabled = MaintenanceSwitch.state(project.dir(), file, ProjectFolder.environment()).enabled();
			boolean deleted = file.turnOff();
			MaintenanceState after = MaintenanceSwitch.state(project.dir(), file, ProjectFolder.environment());
			String where = OfflineMaintenance.where(project, file);
			return report(wasEnabled, after.enabled(),
					deleted ? "No server is running; " + ((file instanceof MaintenanceSwitch) ? where + " was deleted."
							: "the switch in " + where + " was deleted.") + System.lineSeparator() : "");
		}
		catch (IOException | ConfigException ex) {
			return fail("maintenance:off: cannot update " + OfflineMaintenance.where(project, file) + ": "
					+ ex.getMessage());
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
