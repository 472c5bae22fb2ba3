package studio.northwind.bench;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * DeskFlow's {@code welcome.ping} answer as the realtime scenarios carry it: one envelope
 * a line over TCP, and over the WebSocket the same envelope led by the request's
 * {@code "id"}. The raw servers answer these bytes, and the load client finds the id of
 * an answer with {@link #id}.
 */
final class WelcomeFrames {

	/**
	 * The request both scenarios send; the WebSocket client puts {@code "id":N,} in front
	 * of its keys.
	 */
	static final String REQUEST = "{\"service\":\"welcome\",\"action\":\"ping\"}";

	private static final String ENVELOPE = "\"returnCode\":0,\"returnMessage\":\"Welcome to deskflow-api\","
			+ "\"returnData\":{\"app\":\"deskflow-api\"},\"extraData\":null}";

	/** The TCP answer, delimiter included. */
	static final byte[] LINE = ("{" + ENVELOPE + "\n").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ID_KEY = "\"id\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FRAME_HEAD = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FRAME_TAIL = ("," + ENVELOPE).getBytes(StandardCharsets.US_ASCII);

	private WelcomeFrames() {
	}

	/** The WebSocket answer to {@code request}: its id (or null) and the envelope. */
	static ByteBuf frameAnswer(ByteBuf request) {
		int start = valueStart(request);
		int end = (start < 0) ? -1 : valueEnd(request, start);
		ByteBuf answer = Unpooled.buffer(FRAME_HEAD.length + 12 + FRAME_TAIL.length);
		answer.writeBytes(FRAME_HEAD);
		if (end > start) {
			answer.writeBytes(request, start, end - start);
		}
		else {
			answer.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
		}
		return answer.writeBytes(FRAME_TAIL);
	}

	/**
	 * The numeric {@code "id"} of a frame, or -1 when it has none: a scan, as the floor
	 * should not parse JSON.
	 */
	static long id(ByteBuf frame) {
		int index = valueStart(frame);
		if (index < 0) {
			return -1;
		}
		long id = 0;
		int end = frame.writerIndex();
		boolean digits = false;
		for (; index < end; index++) {
			byte b = frame.getByte(index);
			if (b < '0' || b > '9') {
				break;
			}
			id = id * 10 + (b - '0');
			digits = true;
		}
		return digits ? id : -1;
	}

	/** Whether {@code answer} holds {@code needle}, such as {@code "returnCode":0,}. */
	static boolean contains(ByteBuf answer, byte[] needle) {
		return indexOf(answer, needle) >= 0;
	}

	private static int valueStart(ByteBuf frame) {
		int key = indexOf(frame, ID_KEY);
		return (key < 0) ? -1 : key + ID_KEY.length;
	}

	private static int valueEnd(ByteBuf frame, int start) {
		for (int index = start; index < frame.writerIndex(); index++) {
			byte b = frame.getByte(index);
			if (b == ',' || b == '}') {
				return index;
			}
		}
		return -1;
	}

	private static int indexOf(ByteBuf haystack, byte[] needle) {
		int last = haystack.writerIndex() - needle.length;
		outer: for (int index = haystack.readerIndex(); index <= last; index++) {
			for (int offset = 0; offset < needle.length; offset++) {
				if (haystack.getByte(index + offset) != needle[offset]) {
					continue outer;
				}
			}
			return index;
		}
		return -1;
	}

}
