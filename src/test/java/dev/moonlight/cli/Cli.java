package dev.moonlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import dev.moonlight.testapp.TestApplication;

/**
 * Runs the command line in-process with stdout and stderr captured, as a user would see
 * them.
 */
final class Cli {

	private Cli() {
	}

	static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream originalOut = System.out;
		PrintStream originalErr = System.err;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		try {
			int exit = MoonlightCli.run(TestApplication.class, args);
			return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(originalOut);
			System.setErr(originalErr);
		}
	}

	/** A port nothing listens on right now. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A {@code .rr.yaml} whose admin RPC is on a free port, for commands to find the
	 * server by.
	 */
	static String rrYamlWithRpc(int rpcPort, String more) {
		return "rpc:\n  listen: tcp://127.0.0.1:" + rpcPort + "\n" + more;
	}

	/** What a command printed and returned. */
	record Result(int exit, String out, String err) {

		@Override
		public String toString() {
			return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}

	}

}
