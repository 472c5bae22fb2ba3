package dev.moonlight.server;

import java.util.function.IntSupplier;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * What only Boot's own, plain listener ({@code http.address}) gets: cleartext HTTP/2 with
 * {@code http2.h2c} (Boot offers H2C beside HTTP/1.1 when HTTP/2 is on without TLS), and
 * the redirect to HTTPS with {@code ssl.redirect}. The TLS listener's factory skips this
 * customizer.
 */
final class PlainListener implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final ServerSettings settings;

	private final IntSupplier tlsPort;

	PlainListener(ServerSettings settings, IntSupplier tlsPort) {
		this.settings = settings;
		this.tlsPort = tlsPort;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		if (this.settings.http2().h2c()) {
			Http2 http2 = new Http2();
			http2.setEnabled(true);
			factory.setHttp2(http2);
		}
		this.settings.tls()
			.filter(SslSection::redirect)
			.ifPresent((ssl) -> factory.addRouteProviders(new HttpsRedirect(this.tlsPort, redirectHost(ssl))));
	}

	/**
	 * Before the API route's customizer, so the redirect's route comes first on this
	 * listener.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

	/**
	 * The host to send a client that gave no Host header to; a wildcard bind address
	 * names no host.
	 */
	private static String redirectHost(SslSection ssl) {
		String host = ssl.address().host();
		boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
		return wildcard ? "localhost" : (host.indexOf(':') >= 0) ? "[" + host + "]" : host;
	}

}
