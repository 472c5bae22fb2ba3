package dev.moonlight.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a bare socket, for requests a real client would refuse to send as written
 * (a request target with {@code ..}, {@code %2e%2e} or backslashes must reach the server
 * byte for byte).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends {@code GET target} with {@code Connection: close} and returns the whole
	 * response.
	 */
	public static Response get(int port, String target) {
		return send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
	}

	/** Sends the request text as is and reads until the server closes the connection. */
	public static Response send(int port, String request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toByteArray();
	}

	/**
	 * A response as read from the wire.
	 *
	 * @param status the status code
	 * @param head the status line and headers
	 * @param body the body bytes as text (chunked bodies keep their chunk markers)
	 */
	public record Response(int status, String head, String body) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			String body = (end >= 0) ? text.substring(end + 4) : "";
			String[] statusLine = head.split("\r\n", 2)[0].split(" ");
			return new Response((statusLine.length > 1) ? Integer.parseInt(statusLine[1]) : -1, head, body);
		}

		/** The first value of a header, ignoring case; {@code null} when absent. */
		public String header(String name) {
			String wanted = name.toLowerCase(Locale.ROOT) + ":";
			for (String line : head.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
					return line.substring(wanted.length()).strip();
				}
			}
			return null;
		}

	}

}
