package dev.moonlight.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.Compression;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import reactor.netty.http.Http2SettingsSpec;
import reactor.netty.http.server.HttpServer;

/**
 * What both listeners share: gzip when {@code http.middleware} lists it,
 * {@code max_concurrent_streams}, the connection limits (one count over both listeners),
 * the shutdown drain and {@code SO_REUSEPORT} for a reload ({@link SharedPort}). Runs
 * after Boot's own customizers (lowest precedence) and is applied to the TLS listener's
 * factory as well.
 */
final class ServerTuning implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	/**
	 * Text types worth compressing; images, archives and fonts are compressed already.
	 */
	static final String[] COMPRESSED_TYPES = { "application/json", "application/problem+json", "application/xml",
			"application/javascript", "text/html", "text/css", "text/plain", "text/javascript", "text/xml", "text/csv",
			"image/svg+xml", "application/manifest+json" };

	private final ServerSettings settings;

	private final ConnectionLimits connections;

	private final ConnectionDrain drain;

	private final SharedPort sharedPort;

	ServerTuning(ServerSettings settings, ConnectionLimits connections, ConnectionDrain drain, SharedPort sharedPort) {
		this.settings = settings;
		this.connections = connections;
		this.drain = drain;
		this.sharedPort = sharedPort;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		KeepAliveReads.serveEveryKeptAliveRequest();
		if (this.settings.gzip()) {
			factory.setCompression(gzip());
		}
		long streams = this.settings.http2().maxConcurrentStreams();
		factory.addServerCustomizers((server) -> maxConcurrentStreams(server, streams));
		factory.addServerCustomizers(this.connections::apply);
		factory.addServerCustomizers(this.drain::apply);
		factory.addServerCustomizers(this::sharePort);
	}

	/**
	 * Boot has set the bind address before the customizers run; a port another program
	 * holds fails here.
	 */
	private HttpServer sharePort(HttpServer server) {
		SocketAddress address = server.configuration().bindAddress().get();
		if (this.sharedPort.taken(address)) {
			throw new PortInUseException(((InetSocketAddress) address).getPort());
		}
		return this.sharedPort.share(server);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Reactor Netty's {@code compress(minSize)} with a type filter: only when the client
	 * sends Accept-Encoding.
	 */
	static Compression gzip() {
		Compression compression = new Compression();
		compression.setEnabled(true);
		compression.setMinResponseSize(DataSize.ofBytes(ServerSettings.GZIP_MIN_RESPONSE_BYTES));
		compression.setMimeTypes(COMPRESSED_TYPES);
		return compression;
	}

	/**
	 * {@code http2Settings} replaces the whole settings spec, so the header-list limit
	 * Boot may have set from {@code server.max-http-request-header-size} is carried over
	 * rather than lost.
	 */
	static HttpServer maxConcurrentStreams(HttpServer server, long streams) {
		Http2SettingsSpec existing = server.configuration().http2SettingsSpec();
		return server.http2Settings((builder) -> {
			if (existing != null && existing.maxHeaderListSize() != null) {
				builder.maxHeaderListSize(existing.maxHeaderListSize());
			}
			builder.maxConcurrentStreams(streams);
		});
	}

}
