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
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code maintenance:on} ({@code down}): through the running server's admin RPC, which
 * switches at once; with no server running, by itself, so the next start is in
 * maintenance. Either way the switch is recorded in {@code storage/run/maintenance.json},
 * or on PostgreSQL in the database every instance shares (never in settings.ini),
 * replacing an earlier one: a bypass token lasts until the next {@code maintenance:on} or
 * {@code maintenance:off}.
 */
@Command(name = "maintenance:on", aliases = "down", mixinStandardHelpOptions = true,
		versionProvider = BuildVersion.class,
		description = "Answer every request with 503 (maintenance) until maintenance:off; recorded in "
				+ MaintenanceSwitch.PATH + ", or on PostgreSQL in the database every instance shares.")
final class MaintenanceOnCommand extends ServerCommand implements Callable<Integer> {

	@Option(names = { "-m", "--message" }, paramLabel = "TEXT", description = "What clients are told.")
	private String message;

	@Option(names = "--retry-after", paramLabel = "SECONDS", description = "The Retry-After header, in seconds.")
	private Long retryAfter;

	@Option(names = { "--bypass", "-s", "--secret" }, paramLabel = "TOKEN",
			description = "A token that lets a request through (?bypass=TOKEN or X-Maintenance-Bypass: TOKEN).")
	private String bypass;

	@Override
	public Integer call() {
		if (retryAfter != null && retryAfter < 0) {
			return fail("maintenance:on: --retry-after must be 0 or more seconds.");
		}
		if (message != null && (message.contains("\n") || message.contains("\r"))) {
			return fail("maintenance:on: --message must be one line.");
		}
		ProjectFolder project = project();
		RpcClient rpc = rpcOrSay(project);
		if (rpc == null) {
			return 1;
		}
		try {
			RpcReply reply = rpc.call("maintenance.on", params(rpc));
			if (!reply.ok()) {
				return fail("maintenance:on: the server refused: " + reply.error());
			}
			JsonNode state = reply.result();
			MaintenanceReport.on(out(), state.path("message").asString(), state.path("retry_after").asLong(-1),
					state.path("bypass").asBoolean(), bypass);
		}
		catch (RpcClient.NotRunningException ex) {
			return withoutServer(project);
		}
		catch (IOException ex) {
			return fail("maintenance:on: " + ex.getMessage());
		}
		out().flush();
		return 0;
	}

	private ObjectNode params(RpcClient rpc) {
		ObjectNode params = rpc.params();
		params.put("message", message);
		params.put("retry_after", retryAfter);
		params.put("bypass", bypass);
		return params;
	}

	private int withoutServer(ProjectFolder project) {
		MaintenanceStore file;
		try {
			file = OfflineMaintenance.store(project);
		}
		catch (ConfigException ex) {
			return fail("maintenance:on: " + ex.getMessage());
		}
		try {
			file.turnOn(message, retryAfter, bypass);
			MaintenanceState state = MaintenanceSwitch.state(project.dir(), file, ProjectFolder.environment());
			MaintenanceReport.on(out(), state.message(), state.retryAfterSeconds(), state.hasBypass(), bypass);
			out().println("No server is running; " + OfflineMaintenance.where(project, file)
					+ " was written, so the next start is in maintenance mode.");
			out().flush();
			return 0;
		}
		catch (IllegalArgumentException ex) {
			return fail("maintenance:on: " + ex.getMessage());
		}
		catch (IOException | ConfigException ex) {
			return fail(
					"maintenance:on: cannot write " + OfflineMaintenance.where(project, file) + ": " + ex.getMessage());
		}
	}

}
