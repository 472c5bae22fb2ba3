package dev.moonlight.rpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.moonlight.storage.StorageDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A blocking client of the admin RPC for the command line: one connection, one request
 * line, one answer line. It calls the address the running server wrote in
 * {@code storage/run/rpc.address} (the bound one, also when {@code rpc.listen} asked for
 * port 0), else the configured one. It sends the token the server asks for: the
 * configured one ({@code [rpc] TOKEN} / {@code RPC_TOKEN}), else the one the server made
 * in {@code storage/run/rpc.token}, read when a server answers.
 * <p>
 * At a reload's hand-over the old process closes its listener, and a call it had accepted
 * (or that reached it as it closed) breaks before any answer. Such a call is sent again
 * for up to {@link #HAND_OVER}, to whatever server the address file names by then: always
 * when the connection was refused, since nothing was sent, but only while the address
 * file names a live server (no server: it fails at once); and, once the request went out,
 * only for a method that a second run leaves as the first did ({@link #RESENDABLE}),
 * never {@code stop}, {@code reload} or {@code jobs.retry}.
 */
public final class RpcClient {

	/** How long a call broken at a hand-over is sent again. */
	static final Duration HAND_OVER = Duration.ofSeconds(5);

	private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

	/** Methods that read, or set a switch to a given state: safe to run twice. */
	static final Set<String> RESENDABLE = Set.of("status", "workers", "maintenance.on", "maintenance.off", "jobs.list",
			"jobs.stats", "jobs.failed", "jobs.pause", "jobs.resume");

	private final RpcSettings settings;

	private final StorageDir storage;

	private final Duration timeout;

	/** Whether {@link #settings} is where to call, whatever the address file says. */
	private final boolean pinned;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param settings where the server listens and its configured token, if any
	 * @param storage the project's storage folder, whose {@code run/rpc.address} holds
	 * the running server's address and {@code run/rpc.token} the token otherwise
	 * @param timeout for connecting and for the answer
	 */
	public RpcClient(RpcSettings settings, StorageDir storage, Duration timeout) {
		this(settings, storage, timeout, false);
	}

	private RpcClient(RpcSettings settings, StorageDir storage, Duration timeout, boolean pinned) {
		this.settings = settings;
		this.storage = storage;
		this.timeout = timeout;
		this.pinned = pinned;
	}

	/**
	 * A client that keeps calling the address this one would call now, for a command that
	 * waits for that server to go away (its address file goes first).
	 */
	public RpcClient pinned() {
		return new RpcClient(target(), storage, timeout, true);
	}

	/**
	 * {@code tcp://host:port}, for messages: the running server's, else the configured
	 * one.
	 */
	public String address() {
		RpcSettings target = target();
		return target.address(target.port());
	}

	/**
	 * The address the running server wrote while its pid lives, else the configured one.
	 */
	private RpcSettings target() {
		return pinned ? settings : new RpcAddressFile(storage).read(settings.token()).orElse(settings);
	}

	/** An empty parameter object to fill for {@link #call(String, ObjectNode)}. */
	public ObjectNode params() {
		return json.createObjectNode();
	}

	/** Calls a method without parameters. */
	public RpcReply call(String method) throws IOException {
		return call(method, params());
	}

	/**
	 * Calls a method.
	 * @throws NotRunningException when nothing listens on the address
	 * @throws IOException when the server does not answer in time or the connection
	 * breaks
	 */
	public RpcReply call(String method, ObjectNode params) throws IOException {
		Instant deadline = Instant.now().plus(HAND_OVER);
		while (true) {
			try {
				return callOnce(method, params);
			}
			catch (NotRunningException ex) {
				if (pinned || !serverAlive() || !waitBefore(deadline)) {
					throw ex;
				}
			}
			catch (Unanswered ex) {
				if (!RESENDABLE.contains(method)) {
					throw new IOException(
							ex.getMessage() + " It may have run: check with 'status' before asking " + "again.", ex);
				}
				if (!waitBefore(deadline)) {
					throw new IOException(ex.getMessage(), ex);
				}
			}
		}
	}

	/** Whether the address file names a live server (one that may be handing over). */
	private boolean serverAlive() {
		return new RpcAddressFile(storage).read(settings.token()).isPresent();
	}

	/** Pauses before the next try; false once the hand-over's time is up. */
	private static boolean waitBefore(Instant deadline) throws IOException {
		if (Instant.now().plus(RETRY_PAUSE).isAfter(deadline)) {
			return false;
		}
		try {
			Thread.sleep(RETRY_PAUSE.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while calling the server again.", ex);
		}
	}

	private RpcReply callOnce(String method, ObjectNode params) throws IOException {
		RpcSettings target = target();
		String address = target.address(target.port());
		try (Socket socket = new Socket()) {
			try {
				socket.connect(new InetSocketAddress(target.clientHost(), target.port()), (int) timeout.toMillis());
			}
			catch (ConnectException ex) {
				throw new NotRunningException("Nothing answers on " + address + ".");
			}
			socket.setSoTimeout((int) timeout.toMillis());
			ObjectNode request = json.createObjectNode();
			request.put("method", method);
			request.set("params", params);
			request.put("token", token(address));
			String line;
			try {
				OutputStream out = socket.getOutputStream();
				out.write((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
				line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
					.readLine();
			}
			catch (SocketException ex) {
				// Reset: the listener closed under the call (a hand-over), or the
				// server died.
				throw new Unanswered(
						"The connection to " + address + " broke before an answer (" + ex.getMessage() + ").");
			}
			if (line == null) {
				throw new Unanswered("The server at " + address + " closed the connection without answering.");
			}
			return reply(line, address);
		}
	}

	/**
	 * Read only once a server answers: without a server there may be no token file yet,
	 * and none is needed.
	 */
	private String token(String address) throws IOException {
		if (settings.token() != null) {
			return settings.token();
		}
		try {
			RpcTokenFile file = new RpcTokenFile(storage);
			return file.read()
				.orElseThrow(() -> new IOException("Something answers on " + address + ", but there is no "
						+ file.path() + ": is it this project's server? (--project-dir, " + StorageDir.VARIABLE
						+ ", or set RPC_TOKEN)"));
		}
		catch (AccessDeniedException ex) {
			throw new IOException(
					"Cannot read " + new RpcTokenFile(storage).path() + ": only the user who runs the server may.", ex);
		}
	}

	private RpcReply reply(String line, String address) throws IOException {
		JsonNode answer;
		try {
			answer = json.readTree(line);
		}
		catch (RuntimeException ex) {
			throw new IOException("What answers on " + address + " is not a Moonlight admin RPC.", ex);
		}
		if (!answer.path("ok").isBoolean()) {
			throw new IOException("What answers on " + address + " is not a Moonlight admin RPC.");
		}
		return new RpcReply(answer.path("ok").booleanValue(), answer.path("result"), answer.path("error").asString(""));
	}

	/**
	 * The connection broke, or closed, after the request went out and before an answer.
	 */
	private static final class Unanswered extends IOException {

		private static final long serialVersionUID = 1L;

		Unanswered(String message) {
			super(message);
		}

	}

	/**
	 * Nothing listens on the RPC address: no server of this project runs (or it listens
	 * elsewhere).
	 */
	public static final class NotRunningException extends IOException {

		private static final long serialVersionUID = 1L;

		NotRunningException(String message) {
			super(message);
		}

	}

}
