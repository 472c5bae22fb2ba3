package dev.moonlight.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * max_frame_size counts the frame, whatever reads the bytes come in (TcpFramerFuzzTests
 * found the split case).
 */
class TcpFrameDecoderTests {

	private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

	@Test
	void aFrameOfExactlyTheLimitIsAFrameWhenItsDelimiterArrivesSplit() {
		String frame = "\"".repeat(5) + "x".repeat(59);
		assertThat(framesOf(List.of(frame + "\r", "\nshort\r\n"))).containsExactly(frame, "short");
		assertThat(framesOf(List.of(frame + "\r\nshort\r\n"))).containsExactly(frame, "short");
	}

	@Test
	void aFrameOneByteOverTheLimitIsOversizeHoweverItArrives() {
		String frame = "x".repeat(65);
		assertThat(framesOf(List.of(frame + "\r\n"))).containsExactly("<OVERSIZE>");
		assertThat(framesOf(List.of(frame, "\r\n"))).containsExactly("<OVERSIZE>");
		assertThat(framesOf(List.of(frame + "\r", "\n"))).containsExactly("<OVERSIZE>");
	}

	private static List<String> framesOf(List<String> reads) {
		EmbeddedChannel channel = new EmbeddedChannel(new TcpFrameDecoder(64, CRLF), new FrameSignals());
		reads.forEach((read) -> channel.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.ISO_8859_1)));
		List<String> frames = new ArrayList<>();
		for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
			if (frame instanceof ByteBuf bytes) {
				frames.add(bytes.toString(StandardCharsets.ISO_8859_1));
				bytes.release();
			}
			else {
				frames.add("<OVERSIZE>");
			}
		}
		channel.finishAndReleaseAll();
		return frames;
	}

}
