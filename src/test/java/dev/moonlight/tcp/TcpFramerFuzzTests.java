package dev.moonlight.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The framer of the TCP servers ({@link TcpFrameDecoder} with {@link FrameSignals}, as
 * {@link TcpServers} stacks them), fed any bytes in any chunks: every frame comes out in
 * order, a frame over the limit becomes an OVERSIZE signal in its place (after which the
 * connection closes), and nothing is thrown into the pipeline.
 */
class TcpFramerFuzzTests {

	private static final int MAX_FRAME = 64;

	private static final byte[] DELIMITER = "\r\n".getBytes(StandardCharsets.US_ASCII);

	@Test
	void anyBytesInAnyChunksComeOutAsTheirFramesOrOversizeSignals() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(streams(), chunkSizes())
			.checkAssert(TcpFramerFuzzTests::comeOutAsTheirFramesOrOversizeSignals);
	}

	private static void comeOutAsTheirFramesOrOversizeSignals(byte[] stream, List<Integer> chunks) {
		EmbeddedChannel channel = new EmbeddedChannel(new TcpFrameDecoder(MAX_FRAME, DELIMITER), new FrameSignals());
		int at = 0;
		for (int i = 0; at < stream.length; i++) {
			int size = Math.min(stream.length - at, chunks.isEmpty() ? stream.length : chunks.get(i % chunks.size()));
			channel.writeInbound(Unpooled.wrappedBuffer(stream, at, size));
			at += size;
		}
		channel.checkException();
		List<String> frames = new ArrayList<>();
		for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
			if (frame instanceof ByteBuf buffer) {
				frames.add(buffer.toString(StandardCharsets.ISO_8859_1));
				buffer.release();
			}
			else {
				frames.add(String.valueOf(frame == FrameSignals.OVERSIZE ? "<OVERSIZE>" : frame));
			}
		}
		channel.finishAndReleaseAll();
		assertThat(untilOversize(frames))
			.isEqualTo(untilOversize(expectedFrames(new String(stream, StandardCharsets.ISO_8859_1))));
	}

	/**
	 * The connection closes after its 413 line, so what follows an oversized frame is
	 * never read.
	 */
	private static List<String> untilOversize(List<String> frames) {
		int oversize = frames.indexOf("<OVERSIZE>");
		return (oversize < 0) ? frames : frames.subList(0, oversize + 1);
	}

	/**
	 * What the decoder must give: each delimited frame, or OVERSIZE in its place once
	 * past the limit.
	 */
	private static List<String> expectedFrames(String stream) {
		List<String> frames = new ArrayList<>();
		int from = 0;
		for (int end = stream.indexOf("\r\n"); end >= 0; end = stream.indexOf("\r\n", from)) {
			frames.add((end - from > MAX_FRAME) ? "<OVERSIZE>" : stream.substring(from, end));
			from = end + 2;
		}
		// An unfinished frame is known to be too long once it could not be the limit plus
		// a partial delimiter.
		if (stream.length() - from > MAX_FRAME + DELIMITER.length - 1) {
			frames.add("<OVERSIZE>");
		}
		return frames;
	}

	private static Gen<byte[]> streams() {
		Gen<String> lines = Generate.oneOf(HostileText.stringsOf("ab\r\n{}\"", 0, 200), HostileText.mutationsOf(
				List.of("{\"service\":\"notes\",\"action\":\"echo\"}\r\n{}\r\n", "x".repeat(70) + "\r\nshort\r\n")));
		Gen<byte[]> latin1 = lines.map((text) -> text.getBytes(StandardCharsets.ISO_8859_1));
		return Generate.oneOf(latin1, HostileText.bytesOf(lines)).describedAs(HostileText::shown);
	}

	private static Gen<List<Integer>> chunkSizes() {
		return lists().of(integers().between(1, 100)).ofSizeBetween(0, 5);
	}

}
