package dev.moonlight.server;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;

import dev.moonlight.config.ListenAddress;

/**
 * The second listener, for TLS, as RoadRunner has it beside {@code http.address}: a Boot
 * Netty web server on {@code http.ssl.address} serving the application's WebFlux
 * {@link HttpHandler}, so filters, routes and error handling are the same as on the plain
 * listener and requests see {@code getSslInfo()}.
 * <p>
 * It starts after Boot's server. At shutdown {@link ConnectionDrain} closes both
 * listeners at once and lets their connections end between requests, within
 * {@code destroy_timeout}; the graceful stop here, in the same phase as Boot's, then
 * finds nothing left. Whatever still runs after that is cut when the bean is destroyed.
 */
final class TlsListener implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(TlsListener.class);

	private final SslSection ssl;

	private final Supplier<TlsServerFactory> factory;

	private final Supplier<HttpHandler> handler;

	private volatile WebServer server;

	private volatile boolean running;

	TlsListener(SslSection ssl, Supplier<TlsServerFactory> factory, Supplier<HttpHandler> handler) {
		this.ssl = ssl;
		this.factory = factory;
		this.handler = handler;
	}

	@Override
	public void start() {
		if (this.server == null) {
			this.server = this.factory.get().create().getWebServer(this.handler.get());
		}
		else {
			// Restarting after a graceful stop: release the drained server so start()
			// binds again.
			this.server.stop();
		}
		this.server.start();
		this.running = true;
		logger.info("TLS listener on https://" + new ListenAddress(this.ssl.address().host(), port()).hostPort()
				+ " (HTTP/2 and HTTP/1.1 by ALPN, TLS 1.2+)"
				+ (this.ssl.redirect() ? "; plain HTTP redirects here" : ""));
	}

	/**
	 * Stops accepting and calls back once in-flight requests are done; the lifecycle
	 * processor bounds the wait.
	 */
	@Override
	public void stop(Runnable callback) {
		this.running = false;
		WebServer current = this.server;
		if (current == null) {
			callback.run();
			return;
		}
		current.shutDownGracefully((result) -> callback.run());
	}

	@Override
	public void stop() {
		this.running = false;
		WebServer current = this.server;
		if (current != null) {
			current.stop();
		}
	}

	/**
	 * Cuts what graceful shutdown left running: the shutdown phase has timed out by the
	 * time beans are destroyed.
	 */
	@Override
	public void destroy() {
		stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
	}

	/**
	 * The bound port (useful with port 0), or the configured one before the listener
	 * starts.
	 */
	int port() {
		WebServer current = this.server;
		int bound = (current != null) ? current.getPort() : -1;
		return (bound > 0) ? bound : this.ssl.address().port();
	}

}
