package studio.northwind.deskflow.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.RawWebSocket;

/**
 * Sends one case's input over a fresh connection of its transport and reads the one
 * answer it gets: so a case that breaks its connection cannot change the answer of the
 * next.
 */
final class Wire {

	private Wire() {
	}

	/**
	 * An HTTP request as bytes; reads one response (by Content-Length, chunks, or until
	 * the server closes).
	 */
	static Answer http(int port, byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (SocketException ex) {
				// The server may refuse a request before it is all sent (a 413 or 431);
				// its answer is still there.
			}
			return readResponse(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Answer readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = readOrEnd(in);
			if (b < 0) {
				return head.size() == 0 ? Answer.closed()
						: new Answer(status(head.toString(StandardCharsets.ISO_8859_1)),
								head.toString(StandardCharsets.ISO_8859_1), "");
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		String headText = head.toString(StandardCharsets.ISO_8859_1).strip();
		Answer headOnly = new Answer(status(headText), headText, "");
		if (headOnly.status() == 100) {
			return readResponse(in); // 100 Continue: the answer follows
		}
		if (headOnly.status() == 101) {
			return headOnly; // switched to WebSocket: no HTTP body follows
		}
		String length = headOnly.header("Content-Length");
		byte[] body;
		if (length != null) {
			body = in.readNBytes(Integer.parseInt(length));
		}
		else if ("chunked".equalsIgnoreCase(headOnly.header("Transfer-Encoding"))) {
			body = chunks(in);
		}
		else {
			body = readToEnd(in);
		}
		return new Answer(headOnly.status(), headText, new String(body, StandardCharsets.UTF_8));
	}

	private static int readOrEnd(InputStream in) throws IOException {
		try {
			return in.read();
		}
		catch (SocketException ex) {
			return -1; // reset by the server: as good as closed
		}
	}

	private static byte[] readToEnd(InputStream in) throws IOException {
		try {
			return in.readAllBytes();
		}
		catch (SocketException ex) {
			return new byte[0];
		}
	}

	private static byte[] chunks(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			StringBuilder size = new StringBuilder();
			for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
				size.append((char) b);
			}
			int length = Integer.parseInt(size.toString().strip().split(";")[0], 16);
			if (length == 0) {
				return body.toByteArray();
			}
			body.write(in.readNBytes(length));
			in.readNBytes(2);
		}
	}

	private static int status(String head) {
		String[] parts = head.split(" ", 3);
		try {
			return (parts.length > 1 && parts[0].startsWith("HTTP/")) ? Integer.parseInt(parts[1]) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Sends the frames before (their answers read and dropped), then the case's frame,
	 * and reads its answer: a text frame, or {@link Answer#closed()} when the server
	 * closes the socket instead (a close frame or the end).
	 */
	static Answer websocket(int port, String path, Iterable<byte[]> before, int first, boolean masked, byte[] frame) {
		try (RawWebSocket socket = RawWebSocket.connect(port, path)) {
			for (byte[] earlier : before) {
				socket.send(0x81, true, earlier);
				nextFrame(socket);
			}
			try {
				socket.send(first, masked, frame);
			}
			catch (SocketException ex) {
				// Refused before it was all sent (an over-large frame); the close, if
				// any, is still readable.
			}
			return nextFrame(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Answer nextFrame(RawWebSocket socket) throws IOException {
		while (true) {
			RawWebSocket.Frame answer;
			try {
				answer = socket.next();
			}
			catch (SocketException ex) {
				return Answer.closed();
			}
			if (answer == null || answer.opcode() == RawWebSocket.Frame.CLOSE) {
				return Answer.closed();
			}
			if (answer.opcode() == 1) {
				return Answer.line(answer.text());
			}
		}
	}

	/**
	 * Sends lines before (each answered), then the case's text as is, and reads one
	 * answer line.
	 */
	static Answer lines(int port, Iterable<String> before, String text) {
		try (LineClient client = LineClient.connect(port, "\n")) {
			for (String earlier : before) {
				client.write(earlier + "\n").readLine();
			}
			try {
				client.write(text);
			}
			catch (UncheckedIOException ex) {
				// Closed before all was sent; what it said, if anything, is still
				// readable.
			}
			String line = client.readLine();
			return (line == null) ? Answer.closed() : Answer.line(line.strip());
		}
	}

	static byte[] hex(String text) {
		return HexFormat.of().parseHex(text.replace(" ", "").toLowerCase(Locale.ROOT));
	}

}
