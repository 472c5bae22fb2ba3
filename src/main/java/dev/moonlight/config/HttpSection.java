package dev.moonlight.config;

/**
 * {@code http}: the request limits and worker pool read from {@code .rr.yaml}.
 *
 * @param maxRequestSizeBytes {@code max_request_size} in bytes; the file gives megabytes, absent means 10 MB and
 * 0 means 1000 MB as in RoadRunner's code
 * @param pool {@code http.pool}
 * @param limits fields per form, connections and read timeouts
 */
public record HttpSection(long maxRequestSizeBytes, PoolSection pool, HttpLimits limits) {

	/** One megabyte as RoadRunner counts it (1024 × 1024 bytes). */
	public static final long MEGABYTE = 1024L * 1024L;

	/** The limit in megabytes when the key is absent. */
	public static final long DEFAULT_MAX_REQUEST_SIZE_MB = 10;

	/** What RoadRunner's {@code InitDefaults} makes of {@code max_request_size: 0}. */
	public static final long ZERO_MAX_REQUEST_SIZE_MB = 1000;

}
