package dev.moonlight.tcp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What happened on a connection, as RoadRunner's TCP worker receives it.
 *
 * @param kind {@link Kind#CONNECTED} (body empty), {@link Kind#DATA} (one frame,
 * delimiter removed) or {@link Kind#CLOSE} (body empty; the answer is ignored)
 * @param server the server's name under {@code tcp.servers}
 * @param connectionId the connection's id, the same for all its events
 * @param remoteAddress the client's address
 * @param body the frame's bytes; empty for {@code CONNECTED} and {@code CLOSE}
 */
public record TcpEvent(Kind kind, String server, UUID connectionId, InetSocketAddress remoteAddress, byte[] body) {

	private static final byte[] EMPTY = new byte[0];

	/** The three events of a connection's life. */
	public enum Kind {

		/**
		 * A client connected; answer to greet it, read to wait for its first frame, or
		 * close to refuse it.
		 */
		CONNECTED,

		/** One delimited frame arrived. */
		DATA,

		/** The connection is closed, by either side; nothing can be sent any more. */
		CLOSE

	}

	static TcpEvent of(Kind kind, String server, UUID connectionId, InetSocketAddress remoteAddress) {
		return new TcpEvent(kind, server, connectionId, remoteAddress, EMPTY);
	}

	/** The body as UTF-8 text. */
	public String bodyText() {
		return new String(body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "TcpEvent[" + kind + " " + server + " " + connectionId + " from " + remoteAddress + ", " + body.length
				+ " bytes]";
	}

}
