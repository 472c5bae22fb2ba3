package dev.moonlight.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.moonlight.config.ConfigException;
import dev.moonlight.rpc.RpcClient;
import dev.moonlight.rpc.RpcReply;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the commands that talk to a running server share: the project, its admin RPC
 * client, the streams, and the sentences for a server that is not there or refuses.
 */
abstract class ServerCommand {

	@Spec
	CommandSpec spec;

	@Mixin
	ProjectOption projectOption;

	/**
	 * The root command's name ({@code shop} for {@code ShopApplication}), for the
	 * sentences that say what to type next.
	 */
	String cli() {
		return spec.root().name();
	}

	ProjectFolder project() {
		return projectOption.project(spec.root());
	}

	PrintWriter out() {
		return spec.commandLine().getOut();
	}

	PrintWriter err() {
		return spec.commandLine().getErr();
	}

	/** Says {@code message} on stderr and returns exit code 1. */
	int fail(String message) {
		err().println(message);
		err().flush();
		return 1;
	}

	String notRunning(RpcClient rpc) {
		return "No server is running: nothing answers on " + rpc.address()
				+ " (rpc.listen in .rr.yaml). Start one with '" + cli() + " runserver'.";
	}

	/**
	 * Calls {@code method} and gives its result, or says why not and returns
	 * {@code null}.
	 */
	RpcReply call(RpcClient rpc, String method, ObjectNode params) {
		try {
			RpcReply reply = rpc.call(method, params);
			if (!reply.ok()) {
				fail(spec.name() + ": the server refused: " + reply.error());
				return null;
			}
			return reply;
		}
		catch (RpcClient.NotRunningException ex) {
			fail(notRunning(rpc));
			return null;
		}
		catch (IOException ex) {
			fail(spec.name() + ": " + ex.getMessage());
			return null;
		}
	}

	/** Sleeps; {@code false} when interrupted (the interrupt is kept for the caller). */
	static boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Whether {@code process} exits within {@code wait}. */
	static boolean exited(ProcessHandle process, Duration wait) {
		try {
			process.onExit().get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	/** The project's RPC client, or {@code null} after saying which setting is wrong. */
	RpcClient rpcOrSay(ProjectFolder project) {
		try {
			return project.rpc();
		}
		catch (ConfigException ex) {
			fail(spec.name() + ": " + ex.getMessage());
			return null;
		}
	}

}
