package dev.moonlight.server;

import java.util.Optional;

/**
 * What the server reads from the project's files beyond the listen address and the pool,
 * validated at boot.
 *
 * @param tls the TLS listener, when {@code http.ssl} or {@code [tls]} is configured
 * @param http2 cleartext HTTP/2 and the stream limit
 * @param gzip whether {@code http.middleware} lists {@code gzip}
 * @param staticFiles the static folder, when {@code public/} exists or
 * {@code http.static.dir} is set
 */
record ServerSettings(Optional<SslSection> tls, Http2Section http2, boolean gzip, Optional<StaticSection> staticFiles) {

	/**
	 * Responses smaller than this are sent as they are: gzip would save little and cost a
	 * copy.
	 */
	static final int GZIP_MIN_RESPONSE_BYTES = 1024;

	/** Whether the plain listener only redirects to the TLS one. */
	boolean redirectsToTls() {
		return this.tls.map(SslSection::redirect).orElse(false);
	}

}
