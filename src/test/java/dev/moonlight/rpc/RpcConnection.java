package dev.moonlight.rpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A raw line connection to the admin RPC, for sending what the command line never would.
 * One made by {@link #authorized} adds the server's token (read from its token file, as
 * the commands do) to every JSON object it sends without one.
 */
final class RpcConnection implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	private final String token;

	RpcConnection(int port) {
		this(port, null);
	}

	private RpcConnection(int port, String token) {
		this.token = token;
		try {
			socket = new Socket("127.0.0.1", port);
			socket.setSoTimeout(10_000);
			in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			out = socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A connection to the app's RPC that sends the token of its
	 * {@code storage/run/rpc.token}.
	 */
	static RpcConnection authorized(RunningApp app) {
		return new RpcConnection(app.bean(RpcServer.class).port(), token(app));
	}

	static String token(RunningApp app) {
		try {
			return Files.readString(app.projectDir().resolve(RpcTokenFile.PATH)).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends one line (with the token added, when this connection has one) and reads the
	 * answer line as JSON.
	 */
	JsonNode send(String line) {
		String answer = sendRaw(withToken(line) + "\n");
		if (answer == null) {
			throw new AssertionError("the server closed the connection instead of answering " + line);
		}
		return JSON.readTree(answer);
	}

	/**
	 * Writes {@code text} as it is and reads one line: {@code null} when the server
	 * closed the connection instead.
	 */
	String sendRaw(String text) {
		try {
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
			return in.readLine();
		}
		catch (SocketException ex) {
			// Written after the server had closed: the connection was reset.
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the server has closed the connection: the next read finds its end, not a
	 * line.
	 */
	boolean closedByServer() {
		try {
			return in.readLine() == null;
		}
		catch (SocketException ex) {
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String withToken(String line) {
		if (token == null || !line.startsWith("{")) {
			return line;
		}
		try {
			if (JSON.readTree(line) instanceof ObjectNode object && !object.has("token")) {
				object.put("token", token);
				return JSON.writeValueAsString(object);
			}
		}
		catch (RuntimeException ex) {
			// Not JSON: sent as written.
		}
		return line;
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
