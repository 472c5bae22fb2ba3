package dev.moonlight.server;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.HttpLimits;
import dev.moonlight.config.ListenAddress;
import dev.moonlight.pipeline.RequestIds;
import reactor.netty.ChannelBindException;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A small listener of its own for a plugin that RoadRunner serves apart from the API,
 * such as {@code status.address} ({@code /health}, {@code /ready}) and
 * {@code metrics.address} ({@code /metrics}): a Reactor Netty server on one event loop
 * that answers the plugin's routes and nothing else (404 otherwise), without the API's
 * filters. Every answer carries an {@code X-Request-Id}, as the API's do. Its limits are
 * fixed and small, since only probes and scrapers call it: at most
 * {@value #MAX_CONNECTIONS} connections, request heads within 5 s, whole requests within
 * 10 s, idle connections closed after 30 s; so a flood on a probe port cannot use up the
 * process's files or threads.
 * <p>
 * It starts before the web server and stops after it has drained, so an orchestrator
 * probing it sees {@code /ready} turn 503 (the readiness check stops first) while
 * {@code /health} still answers, then the port close.
 */
public final class SideListener implements SmartLifecycle {

	/** Before the web server starts, after it stops. */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	static final int MAX_CONNECTIONS = 64;

	private static final HttpLimits LIMITS = new HttpLimits(0, MAX_CONNECTIONS, Duration.ofSeconds(30),
			Duration.ofSeconds(5), Duration.ofSeconds(10));

	private static final Logger logger = LoggerFactory.getLogger(SideListener.class);

	private final String what;

	private final ConfigValue address;

	private final RouterFunction<ServerResponse> routes;

	private final SharedPort sharedPort;

	private volatile DisposableServer server;

	private LoopResources loops;

	/**
	 * @param what what the listener serves, for the log and errors ({@code status})
	 * @param address the configured {@code host:port}, whose origin a bind failure names
	 * @param routes the routes it answers
	 * @param sharedPort lets a reload's new process bind beside the old one
	 */
	public SideListener(String what, ConfigValue address, RouterFunction<ServerResponse> routes,
			SharedPort sharedPort) {
		this.what = what;
		this.address = address;
		this.routes = routes;
		this.sharedPort = sharedPort;
	}

	@Override
	public synchronized void start() {
		ListenAddress listen = ListenAddress.parse(this.address, new ListenAddress("127.0.0.1", 0));
		if (this.sharedPort.taken(new InetSocketAddress(listen.host(), listen.port()))) {
			throw cannotBind(null);
		}
		this.loops = LoopResources.create("moonlight-" + this.what, 1, 1, true);
		ConnectionLimits limits = new ConnectionLimits(LIMITS, this.what + " listener's fixed cap");
		HttpHandler routed = RouterFunctions.toHttpHandler(this.routes);
		HttpHandler identified = (request, response) -> {
			response.getHeaders()
				.set(RequestIds.HEADER, RequestIds.reuseOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER)));
			return routed.handle(request, response);
		};
		try {
			this.server = this.sharedPort
				.share(limits.apply(HttpServer.create().host(listen.host()).port(listen.port()).runOn(this.loops))
					.handle(new ReactorHttpHandlerAdapter(identified)))
				.bindNow(BIND_TIMEOUT);
		}
		catch (RuntimeException ex) {
			this.loops.dispose();
			throw (ex instanceof ChannelBindException) ? cannotBind(ex) : ex;
		}
		logger.info("{} listening on http://{} ({})", capitalized(),
				new ListenAddress(listen.host(), port()).hostPort(), this.address.origin().key());
	}

	@Override
	public synchronized void stop() {
		DisposableServer running = this.server;
		this.server = null;
		if (running != null) {
			running.disposeNow(STOP_TIMEOUT);
			// Closed with its connections: no quiet period, which holds a stop 2 s.
			this.loops.disposeLater(Duration.ZERO, STOP_TIMEOUT).block(STOP_TIMEOUT);
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** The bound port (the real one for port 0); -1 when not listening. */
	public int port() {
		DisposableServer running = this.server;
		return (running != null) ? running.port() : -1;
	}

	private String capitalized() {
		return Character.toUpperCase(this.what.charAt(0)) + this.what.substring(1) + " listener";
	}

	private ConfigException cannotBind(RuntimeException ex) {
		return new ConfigException(this.address.origin(), this.address.value(),
				"The " + this.what
						+ " listener cannot listen there: the port is in use or the address is not on this machine.",
				ex);
	}

}
