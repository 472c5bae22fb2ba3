package dev.moonlight.server;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens an HTTP/2 connection by hand (client preface and an empty SETTINGS frame) and
 * reads the server's SETTINGS, the only place a client can see what
 * {@code max_concurrent_streams} the server advertises.
 */
final class Http2Preface {

	/** SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113 §6.5.2). */
	static final int MAX_CONCURRENT_STREAMS = 0x3;

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final int SETTINGS = 0x4;

	private static final int ACK = 0x1;

	private Http2Preface() {
	}

	/** The settings the server sends first on {@code socket}, by identifier. */
	static Map<Integer, Long> serverSettings(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		OutputStream out = socket.getOutputStream();
		out.write(PREFACE);
		out.write(new byte[] { 0, 0, 0, SETTINGS, 0, 0, 0, 0, 0 });
		out.flush();
		DataInputStream in = new DataInputStream(socket.getInputStream());
		while (true) {
			int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
			int type = in.readUnsignedByte();
			int flags = in.readUnsignedByte();
			in.readInt();
			byte[] payload = in.readNBytes(length);
			if (type == SETTINGS && (flags & ACK) == 0) {
				return parse(payload);
			}
		}
	}

	private static Map<Integer, Long> parse(byte[] payload) {
		Map<Integer, Long> settings = new HashMap<>();
		for (int i = 0; i + 6 <= payload.length; i += 6) {
			int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
			long value = ((payload[i + 2] & 0xffL) << 24) | ((payload[i + 3] & 0xffL) << 16)
					| ((payload[i + 4] & 0xffL) << 8) | (payload[i + 5] & 0xffL);
			settings.put(id, value);
		}
		return settings;
	}

}
