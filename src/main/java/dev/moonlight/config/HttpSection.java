package dev.moonlight.config;

import java.time.Duration;

/**
 * {@code http}: the request limits and worker pool read from {@code .rr.yaml}.
 *
 * @param maxRequestSizeBytes {@code max_request_size} in bytes; the file gives megabytes,
 * absent means 10 MB and 0 means 1000 MB as in RoadRunner's code
 * @param pool {@code http.pool}
 * @param limits fields per form, connections and read timeouts
 * @param drainDelay {@code drain_delay}: at shutdown, once the listeners have closed, how
 * long an idle kept-alive connection stays open so its client may send one last request
 * (answered with {@code Connection: close}) rather than find it closed; within
 * {@code http.pool.destroy_timeout}; zero closes idle connections at once
 */
public record HttpSection(long maxRequestSizeBytes, PoolSection pool, HttpLimits limits, Duration drainDelay) {

	/** One megabyte as RoadRunner counts it (1024 × 1024 bytes). */
	public static final long MEGABYTE = 1024L * 1024L;

	/** The limit in megabytes when the key is absent. */
	public static final long DEFAULT_MAX_REQUEST_SIZE_MB = 10;

	/** What RoadRunner's {@code InitDefaults} makes of {@code max_request_size: 0}. */
	public static final long ZERO_MAX_REQUEST_SIZE_MB = 1000;

	/**
	 * The drain delay when {@code drain_delay} is absent: a client that keeps sending
	 * hears it within a second.
	 */
	public static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(1);

}
