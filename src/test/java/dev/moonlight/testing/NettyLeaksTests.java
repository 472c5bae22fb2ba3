package dev.moonlight.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's leak check works: a buffer dropped without release() is reported, with
 * where it was made.
 */
class NettyLeaksTests {

	@Test
	void aBufferDroppedWithoutReleaseIsReported() {
		// Takes the reports, its own leak included, so LeakCheck does not fail this class
		// for the leak made on purpose.
		NettyLeaks.collect();
		leakOneBuffer();
		List<String> reports = new ArrayList<>();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (reports.isEmpty() && Instant.now().isBefore(deadline)) {
			reports.addAll(NettyLeaks.collect());
		}
		assertThat(reports).as("the leaked buffer is reported").isNotEmpty();
		assertThat(reports.get(0)).startsWith("LEAK: ByteBuf.release() was not called")
			.as("paranoid records say where it was allocated")
			.contains("leakOneBuffer");
	}

	@Test
	void releasedBuffersAreNotReported() {
		long before = NettyLeaks.reported();
		for (int i = 0; i < 100; i++) {
			ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
			buffer.writeLong(i);
			buffer.release();
		}
		assertThat(NettyLeaks.reported()).isEqualTo(before);
	}

	private static void leakOneBuffer() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
		buffer.writeLong(42);
	}

}
