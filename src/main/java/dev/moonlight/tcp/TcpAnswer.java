package dev.moonlight.tcp;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Flux;

/**
 * What a handler wants done after an event, RoadRunner's four answers: {@link #respond}
 * (send, keep reading), {@link #respondClose} (send, then close), {@link #read} (send
 * nothing, keep reading) and {@link #close}. The body is sent as it is; the {@code Line}
 * variants add the server's delimiter, so one handler serves servers with different
 * delimiters.
 */
public final class TcpAnswer {

	/** The kinds of answer. */
	public enum Kind {

		RESPOND, RESPOND_CLOSE, READ, CLOSE

	}

	private static final TcpAnswer READ = new TcpAnswer(Kind.READ, null, false);

	private static final TcpAnswer CLOSE = new TcpAnswer(Kind.CLOSE, null, false);

	private final Kind kind;

	private final byte[] body;

	private final boolean line;

	private final Flux<byte[]> lines;

	private final Runnable discard;

	private TcpAnswer(Kind kind, byte[] body, boolean line) {
		this(kind, body, line, null, null);
	}

	private TcpAnswer(Kind kind, byte[] body, boolean line, Flux<byte[]> lines, Runnable discard) {
		this.kind = kind;
		this.body = body;
		this.line = line;
		this.lines = lines;
		this.discard = discard;
	}

	/**
	 * Sends each of {@code lines} as it comes, each with the delimiter, and keeps
	 * reading; the next answer waits until the last line is out, and the lines are pulled
	 * only as the socket takes them (a streamed envelope answer).
	 */
	public static TcpAnswer respondLines(Flux<byte[]> lines, Runnable discard) {
		return new TcpAnswer(Kind.RESPOND, null, true, lines, discard);
	}

	/**
	 * Gives up a streamed answer that will not be sent (the connection ended first), so
	 * the work behind it stops.
	 */
	void discard() {
		if (discard != null) {
			discard.run();
		}
	}

	/**
	 * The bytes to send as they come, the delimiter after each line; a single answer is
	 * one element.
	 */
	Flux<byte[]> stream(byte[] delimiter) {
		if (lines == null) {
			byte[] bytes = bytes(delimiter);
			return (bytes.length == 0) ? Flux.empty() : Flux.just(bytes);
		}
		return lines.map((one) -> delimited(one, delimiter));
	}

	/** Sends {@code body} and keeps the connection. */
	public static TcpAnswer respond(byte[] body) {
		// A copy: answers wait in the connection's outbound stream, and a handler may
		// fill the same array for its next answer meanwhile.
		return new TcpAnswer(Kind.RESPOND, body.clone(), false);
	}

	/** Sends {@code text} as UTF-8 and keeps the connection. */
	public static TcpAnswer respond(String text) {
		return new TcpAnswer(Kind.RESPOND, text.getBytes(StandardCharsets.UTF_8), false);
	}

	/** Sends {@code text} and the server's delimiter, and keeps the connection. */
	public static TcpAnswer respondLine(String text) {
		return respondLine(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends {@code body} and the server's delimiter, and keeps the connection. */
	public static TcpAnswer respondLine(byte[] body) {
		return new TcpAnswer(Kind.RESPOND, body, true);
	}

	/** Sends {@code body}, then closes the connection. */
	public static TcpAnswer respondClose(byte[] body) {
		return new TcpAnswer(Kind.RESPOND_CLOSE, body.clone(), false);
	}

	/** Sends {@code text} as UTF-8, then closes the connection. */
	public static TcpAnswer respondClose(String text) {
		return new TcpAnswer(Kind.RESPOND_CLOSE, text.getBytes(StandardCharsets.UTF_8), false);
	}

	/** Sends {@code text} and the server's delimiter, then closes the connection. */
	public static TcpAnswer respondLineClose(String text) {
		return new TcpAnswer(Kind.RESPOND_CLOSE, text.getBytes(StandardCharsets.UTF_8), true);
	}

	/** Sends nothing and waits for the next frame. */
	public static TcpAnswer read() {
		return READ;
	}

	/** Sends nothing and closes the connection. */
	public static TcpAnswer close() {
		return CLOSE;
	}

	public Kind kind() {
		return kind;
	}

	/**
	 * The bytes as given, without any delimiter; empty for read and close. For handler
	 * tests.
	 */
	public byte[] body() {
		return (body != null) ? body.clone() : new byte[0];
	}

	/** Whether the connection stays open after this answer. */
	public boolean keepsOpen() {
		return kind == Kind.RESPOND || kind == Kind.READ;
	}

	/** The bytes to send, the delimiter added for a line; empty for read and close. */
	byte[] bytes(byte[] delimiter) {
		if (body == null) {
			return new byte[0];
		}
		return line ? delimited(body, delimiter) : body;
	}

	private static byte[] delimited(byte[] body, byte[] delimiter) {
		byte[] out = new byte[body.length + delimiter.length];
		System.arraycopy(body, 0, out, 0, body.length);
		System.arraycopy(delimiter, 0, out, body.length, delimiter.length);
		return out;
	}

}
