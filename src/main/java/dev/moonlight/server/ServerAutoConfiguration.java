package dev.moonlight.server;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

import dev.moonlight.config.ConfigAutoConfiguration;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.MoonlightSettings;

/**
 * The server around the API, from {@code .rr.yaml}'s {@code http} section (or
 * {@code [tls]} / {@code [http2]} in settings.ini): shared tuning (gzip, HTTP/2 stream
 * limit) and the plain listener's h2c and redirect as customizers of Boot's Netty server,
 * with the connection limits ({@code http.max_connections}, idle and read timeouts) on
 * both listeners; the TLS listener when TLS is configured; static files when there is a
 * folder. Settings are read and checked when the web server is created, so a bad value
 * stops the boot naming it.
 */
@AutoConfiguration(after = ConfigAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public final class ServerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ServerAutoConfiguration.class);

	@Bean
	ServerSettings moonlightServerSettings(MoonlightSettings settings) {
		return new ServerSettingsReader(settings, ServerAutoConfiguration::log).read();
	}

	@Bean
	ServerTuning moonlightServerTuning(ServerSettings settings, ConnectionLimits connections, ConnectionDrain drain,
			SharedPort sharedPort) {
		return new ServerTuning(settings, connections, drain, sharedPort);
	}

	/**
	 * Both listeners' connection cap and timeouts, and their count of open connections.
	 */
	@Bean
	ConnectionLimits moonlightConnectionLimits(MoonlightSettings moonlight) {
		return new ConnectionLimits(moonlight.http().limits());
	}

	/** {@code Vary: Accept-Encoding} where the {@code gzip} middleware may compress. */
	@Bean
	GzipVary moonlightGzipVary(ServerSettings settings) {
		return new GzipVary(settings.gzip());
	}

	/** A reload's new process binds beside the old one. */
	@Bean
	SharedPort moonlightSharedPort() {
		return SharedPort.ofEnvironment();
	}

	/**
	 * Both listeners' shutdown: no accepted request fails, a kept-alive connection closes
	 * between requests.
	 */
	@Bean
	ConnectionDrain moonlightConnectionDrain(MoonlightSettings settings) {
		return new ConnectionDrain(settings.http().drainDelay(), settings.http().pool().destroyTimeout());
	}

	@Bean
	DrainLifecycle.Begin moonlightDrainBegins(ConnectionDrain drain) {
		return new DrainLifecycle.Begin(drain);
	}

	@Bean
	DrainLifecycle.Finish moonlightDrainEnds(ConnectionDrain drain) {
		return new DrainLifecycle.Finish(drain);
	}

	@Bean
	PlainListener moonlightPlainListener(ServerSettings settings, ObjectProvider<TlsListener> tls) {
		// Asked per redirect, not now: the TLS listener is created (and bound) after
		// Boot's server.
		return new PlainListener(settings, () -> tls.getObject().port());
	}

	private static void log(ConfigNotice notice) {
		if (notice.warning()) {
			logger.warn(notice);
		}
		else {
			logger.info(notice);
		}
	}

	/**
	 * The second listener, for TLS, with HSTS on its responses when plain HTTP redirects
	 * to it.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(TlsConfigured.class)
	static final class Tls {

		@Bean
		TlsListener moonlightTlsListener(ServerSettings settings, ObjectProvider<ReactorResourceFactory> resources,
				ObjectProvider<NettyServerCustomizer> serverCustomizers, ObjectProvider<NettyRouteProvider> routes,
				ObjectProvider<WebServerFactoryCustomizer<?>> customizers, ObjectProvider<HttpHandler> handler) {
			SslSection ssl = settings.tls().orElseThrow();
			return new TlsListener(ssl,
					() -> new TlsServerFactory(ssl, resources, serverCustomizers, routes, customizers),
					handler::getObject);
		}

		@Bean
		HstsFilter moonlightHstsFilter(ServerSettings settings) {
			return new HstsFilter(settings.redirectsToTls());
		}

	}

	/**
	 * Static files at {@code /}, after every router (so the API and other routes win) and
	 * before Boot's.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(StaticFolderPresent.class)
	static final class Static {

		/**
		 * Boot's classpath resource mapping has {@code LOWEST_PRECEDENCE - 1}; this one
		 * answers first.
		 */
		static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

		@Bean
		SimpleUrlHandlerMapping moonlightStaticFiles(ServerSettings settings) {
			StaticSection section = settings.staticFiles().orElseThrow();
			logger.info("Static files from " + section.dir() + " at /");
			return new SimpleUrlHandlerMapping(Map.of("/**", StaticFiles.of(section)), ORDER);
		}

	}

}
