package dev.moonlight.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Builds the TLS listener's server factory the way Boot builds its own (same event loops,
 * same Netty customizers, same {@code server.*} and Moonlight customizers), then points
 * it at {@code http.ssl.address} with the PEM bundle and HTTP/2 on. With TLS on, Boot
 * offers h2 and http/1.1 by ALPN. The plain listener's own customizer (h2c, redirect) is
 * left out.
 */
final class TlsServerFactory {

	private final SslSection ssl;

	private final ObjectProvider<ReactorResourceFactory> resources;

	private final ObjectProvider<NettyServerCustomizer> serverCustomizers;

	private final ObjectProvider<NettyRouteProvider> routes;

	private final ObjectProvider<WebServerFactoryCustomizer<?>> customizers;

	TlsServerFactory(SslSection ssl, ObjectProvider<ReactorResourceFactory> resources,
			ObjectProvider<NettyServerCustomizer> serverCustomizers, ObjectProvider<NettyRouteProvider> routes,
			ObjectProvider<WebServerFactoryCustomizer<?>> customizers) {
		this.ssl = ssl;
		this.resources = resources;
		this.serverCustomizers = serverCustomizers;
		this.routes = routes;
		this.customizers = customizers;
	}

	@SuppressWarnings("unchecked")
	NettyReactiveWebServerFactory create() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
		factory.setResourceFactory(this.resources.getIfAvailable());
		this.routes.orderedStream().forEach(factory::addRouteProviders);
		factory.getServerCustomizers().addAll(this.serverCustomizers.orderedStream().toList());
		List<WebServerFactoryCustomizer<?>> shared = this.customizers.orderedStream()
			.filter((customizer) -> !(customizer instanceof PlainListener))
			.toList();
		LambdaSafe.callbacks(WebServerFactoryCustomizer.class, shared, factory)
			.withLogger(TlsServerFactory.class)
			.invoke((customizer) -> customizer.customize(factory));
		secure(factory);
		return factory;
	}

	private void secure(NettyReactiveWebServerFactory factory) {
		factory.setAddress(address(this.ssl.address().host()));
		factory.setPort(this.ssl.address().port());
		Http2 http2 = new Http2();
		http2.setEnabled(true);
		factory.setHttp2(http2);
		factory.setSslBundles(new DefaultSslBundleRegistry(TlsBundle.NAME, TlsBundle.of(this.ssl)));
		Ssl tls = Ssl.forBundle(TlsBundle.NAME);
		tls.setClientAuth(this.ssl.clientAuth());
		factory.setSsl(tls);
	}

	private static InetAddress address(String host) {
		try {
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Cannot resolve the TLS listener's host " + host + " (http.ssl.address)",
					ex);
		}
	}

}
