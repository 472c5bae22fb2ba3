/**
 * The HTTP server around the envelope API, configured the way RoadRunner's {@code http}
 * section describes it: a second listener for TLS ({@code http.ssl}) with HTTP/2 by ALPN,
 * cleartext HTTP/2 ({@code http.http2.h2c}), {@code max_concurrent_streams}, the
 * HTTP→HTTPS redirect, gzip (the {@code gzip} middleware), static files from
 * {@code public/}, and draining both listeners at shutdown
 * ({@link dev.moonlight.server.ConnectionDrain}: a connection is closed only between
 * requests, within {@code destroy_timeout}).
 * <p>
 * Boot's Netty server stays the plain listener ({@code http.address});
 * {@link dev.moonlight.server.TlsListener} serves the same WebFlux handler on
 * {@code http.ssl.address}.
 */
package dev.moonlight.server;
