package dev.moonlight.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A whole HTTP/1.1 answer as bytes, for the connection limits that answer from in front
 * of the HTTP codec (a request that never finished its head, a connection over the cap):
 * the envelope with the status as {@code returnCode}, and {@code Connection: close}.
 * Messages are the framework's own text, never a caller's, so they need no escaping.
 */
final class RawAnswer {

	private RawAnswer() {
	}

	static ByteBuf of(int status, String reason, String message) {
		String body = "{\"returnCode\":" + status + ",\"returnMessage\":\"" + message
				+ "\",\"returnData\":null,\"extraData\":null}";
		byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ bodyBytes.length + "\r\nConnection: close\r\n\r\n";
		return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), bodyBytes);
	}

	/** A timeout as {@code .rr.yaml} writes it: {@code 10s}, {@code 500ms}. */
	static String duration(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
