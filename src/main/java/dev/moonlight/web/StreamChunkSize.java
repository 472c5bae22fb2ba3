package dev.moonlight.web;

import dev.moonlight.config.RrYaml;

/**
 * {@code http.chunk_size} (RoadRunner's PSR-7 {@code chunkSize}): the bytes a streamed
 * answer gathers before it sends a chunk. Absent means {@value #DEFAULT} bytes; 0 sends
 * each item as it comes (a live feed of small events).
 */
final class StreamChunkSize {

	/** 64 KB: big enough to fill a TCP window's worth of writes, small enough to hold. */
	static final int DEFAULT = 64 * 1024;

	/** A chunk is held in memory whole, so it stays well below the heap. */
	static final int MAX = 16 * 1024 * 1024;

	private StreamChunkSize() {
	}

	static int read(RrYaml rr) {
		return rr.get("http.chunk_size")
			.filter((value) -> !value.isBlank())
			.map((value) -> (int) value.asWholeNumber(0, MAX,
					"Chunk size must be a whole number of bytes from 0 to " + MAX
							+ "; 0 sends each item of a stream as it comes."))
			.orElse(DEFAULT);
	}

}
