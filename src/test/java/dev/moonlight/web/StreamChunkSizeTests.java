package dev.moonlight.web;

import org.junit.jupiter.api.Test;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.RrYaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code http.chunk_size}: bytes, 64 KB when absent, 0 for each item as it comes. */
class StreamChunkSizeTests {

	@Test
	void absentIs64Kilobytes() {
		assertThat(StreamChunkSize.read(rr("http:\n  address: 127.0.0.1:8000\n"))).isEqualTo(65536);
	}

	@Test
	void aWholeNumberOfBytesIsTaken() {
		assertThat(StreamChunkSize.read(rr("http:\n  chunk_size: 524288\n"))).isEqualTo(524288);
		assertThat(StreamChunkSize.read(rr("http:\n  chunk_size: 0\n"))).isZero();
	}

	@Test
	void aBadValueStopsTheBootNamingKeyAndLine() {
		assertThatThrownBy(() -> StreamChunkSize.read(rr("http:\n  chunk_size: 512KB\n")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("http.chunk_size")
			.hasMessageContaining("2")
			.hasMessageContaining("Chunk size must be a whole number of bytes");
	}

	private static RrYaml rr(String yaml) {
		return RrYaml.parse(yaml, (name) -> null);
	}

}
