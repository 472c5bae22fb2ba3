package dev.moonlight.server;

/**
 * {@code http.http2} in {@code .rr.yaml}, or {@code [http2]} in settings.ini. HTTP/2 over
 * TLS is always offered by ALPN; these keys govern cleartext HTTP/2 and the stream limit
 * of both listeners.
 *
 * @param h2c {@code h2c} / {@code H2C}: the plain listener also speaks HTTP/2, by prior
 * knowledge and by the HTTP/1.1 {@code Upgrade: h2c}; default {@code false}
 * @param maxConcurrentStreams {@code max_concurrent_streams} /
 * {@code MAX_CONCURRENT_STREAMS}: streams one HTTP/2 connection may have open at once, on
 * both listeners (RoadRunner applies it to TLS only with h2c); default 128
 */
record Http2Section(boolean h2c, long maxConcurrentStreams) {

	/** RoadRunner's default for {@code max_concurrent_streams}. */
	static final long DEFAULT_MAX_CONCURRENT_STREAMS = 128;

	static final Http2Section DEFAULTS = new Http2Section(false, DEFAULT_MAX_CONCURRENT_STREAMS);

}
