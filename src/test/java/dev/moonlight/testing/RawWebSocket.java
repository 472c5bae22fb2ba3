package dev.moonlight.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket peer with no WebSocket stack: it does the handshake by hand and then reads
 * frames, so it never answers a ping. That is how a dead client looks to the server,
 * while the test can still see what arrives. It sends frames as written, broken ones
 * included.
 */
public final class RawWebSocket implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
	}

	/** Connects and upgrades {@code path}; fails unless the server answers 101. */
	public static RawWebSocket connect(int port, String path) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		RawWebSocket raw = new RawWebSocket(socket);
		String head = raw.readHead();
		if (!head.startsWith("HTTP/1.1 101")) {
			socket.close();
			throw new IOException("handshake refused: " + head);
		}
		return raw;
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake");
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/**
	 * The next frame from the server (unmasked), or {@code null} when the connection
	 * ends.
	 */
	public Frame next() throws IOException {
		int first;
		try {
			first = in.read();
		}
		catch (SocketTimeoutException ex) {
			throw new IOException("no frame within the socket timeout", ex);
		}
		if (first < 0) {
			return null;
		}
		int second = in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		else if (length == 127) {
			length = in.readLong();
		}
		byte[] payload = new byte[(int) length];
		in.readFully(payload);
		return new Frame(first & 0x0F, payload);
	}

	/**
	 * Sends one frame as written: {@code first} is the FIN bit and opcode byte
	 * ({@code 0x81} a whole text frame, {@code 0x82} binary); a client frame must be
	 * masked, so {@code masked = false} is a protocol violation.
	 */
	public void send(int first, boolean masked, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(first);
		int mask = masked ? 0x80 : 0;
		if (payload.length < 126) {
			frame.write(mask | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(mask | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xFF);
		}
		else {
			frame.write(mask | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift) & 0xFF);
			}
		}
		byte[] key = { 0x11, 0x22, 0x33, 0x44 };
		if (masked) {
			frame.write(key);
		}
		for (int i = 0; i < payload.length; i++) {
			frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
		}
		OutputStream out = socket.getOutputStream();
		out.write(frame.toByteArray());
		out.flush();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	/** One frame: its opcode (1 text, 8 close, 9 ping, 10 pong) and payload. */
	public record Frame(int opcode, byte[] payload) {

		public static final int CLOSE = 8;

		public static final int PING = 9;

		/** The status of a close frame. */
		public int closeCode() {
			return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		}

		public String text() {
			return new String(payload, (opcode == CLOSE) ? 2 : 0, payload.length - ((opcode == CLOSE) ? 2 : 0),
					StandardCharsets.UTF_8);
		}

	}

}
