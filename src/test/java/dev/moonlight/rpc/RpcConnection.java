package dev.moonlight.rpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A raw line connection to the admin RPC, for sending what the command line never would. */
final class RpcConnection implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	RpcConnection(int port) {
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

	/** Sends one line and reads the answer line as JSON. */
	JsonNode send(String line) {
		try {
			out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			String answer = in.readLine();
			if (answer == null) {
				throw new AssertionError("the server closed the connection instead of answering " + line);
			}
			return JSON.readTree(answer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
