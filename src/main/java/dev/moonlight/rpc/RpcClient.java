package dev.moonlight.rpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A blocking client of the admin RPC for the command line: one connection, one request line, one answer line. It
 * sends the token the project configures ({@code [rpc] TOKEN} / {@code RPC_TOKEN}), as the server reads it.
 */
public final class RpcClient {

	private final RpcSettings settings;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param settings where the server listens and its token
	 * @param timeout for connecting and for the answer
	 */
	public RpcClient(RpcSettings settings, Duration timeout) {
		this.settings = settings;
		this.timeout = timeout;
	}

	/** {@code tcp://host:port} as configured, for messages. */
	public String address() {
		return settings.address(settings.port());
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
	 * @throws IOException when the server does not answer in time or the connection breaks
	 */
	public RpcReply call(String method, ObjectNode params) throws IOException {
		ObjectNode request = json.createObjectNode();
		request.put("method", method);
		request.set("params", params);
		if (settings.token() != null) {
			request.put("token", settings.token());
		}
		try (Socket socket = new Socket()) {
			try {
				socket.connect(new InetSocketAddress(settings.clientHost(), settings.port()), (int) timeout.toMillis());
			}
			catch (ConnectException ex) {
				throw new NotRunningException("Nothing answers on " + address() + ".");
			}
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
			if (line == null) {
				throw new IOException("The server at " + address() + " closed the connection without answering.");
			}
			return reply(line);
		}
	}

	private RpcReply reply(String line) throws IOException {
		JsonNode answer;
		try {
			answer = json.readTree(line);
		}
		catch (RuntimeException ex) {
			throw new IOException("What answers on " + address() + " is not a Moonlight admin RPC.", ex);
		}
		if (!answer.path("ok").isBoolean()) {
			throw new IOException("What answers on " + address() + " is not a Moonlight admin RPC.");
		}
		return new RpcReply(answer.path("ok").booleanValue(), answer.path("result"), answer.path("error").asString(""));
	}

	/** Nothing listens on the RPC address: no server of this project runs (or it listens elsewhere). */
	public static final class NotRunningException extends IOException {

		private static final long serialVersionUID = 1L;

		NotRunningException(String message) {
			super(message);
		}

	}

}
