package dev.moonlight.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain {@link Socket} client that writes raw bytes and reads delimited lines, as
 * {@code nc} would.
 */
public final class LineClient implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final byte[] delimiter;

	private LineClient(Socket socket, String delimiter) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
		this.delimiter = delimiter.getBytes(StandardCharsets.UTF_8);
	}

	public static LineClient connect(int port) {
		return connect(port, "\r\n");
	}

	public static LineClient connect(int port, String delimiter) {
		try {
			Socket socket = new Socket("127.0.0.1", port);
			socket.setSoTimeout(10_000);
			return new LineClient(socket, delimiter);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes {@code text} as it is (add the delimiter yourself). */
	public LineClient write(String text) {
		try {
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes {@code text} and CRLF. */
	public LineClient line(String text) {
		return write(text + "\r\n");
	}

	/**
	 * The next line without its delimiter, or {@code null} when the server closed the
	 * connection first.
	 */
	public String readLine() {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			while (true) {
				int b = in.read();
				if (b < 0) {
					return (line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
				}
				line.write(b);
				// Only a byte of the delimiter can end it: long lines are not copied once
				// per byte.
				if (b == (delimiter[delimiter.length - 1] & 0xFF) && endsWithDelimiter(line.toByteArray())) {
					String text = line.toString(StandardCharsets.UTF_8);
					return text.substring(0, text.length() - new String(delimiter, StandardCharsets.UTF_8).length());
				}
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("no line within the socket timeout (read so far: " + line + ")", ex);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Sends FIN: no more data from this side, while answers may still come back
	 * ({@code printf ... | nc}).
	 */
	public LineClient shutdownOutput() {
		try {
			socket.shutdownOutput();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the server has closed the connection (end of stream within the socket
	 * timeout).
	 */
	public boolean closedByServer() {
		try {
			return in.read() < 0;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private boolean endsWithDelimiter(byte[] bytes) {
		if (bytes.length < delimiter.length) {
			return false;
		}
		for (int i = 0; i < delimiter.length; i++) {
			if (bytes[bytes.length - delimiter.length + i] != delimiter[i]) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
