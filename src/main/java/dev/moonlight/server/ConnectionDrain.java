package dev.moonlight.server;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import reactor.netty.ConnectionObserver;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Shuts the HTTP listeners down without failing a request they read, and closes a
 * kept-alive connection only between requests. It replaces Reactor Netty's drain, which
 * closes every connection that looks idle from another thread: a request its event loop
 * had just begun to read was cut (a 500 for a request the client never hears of, though
 * its work may be done).
 * <p>
 * {@link #start} closes both listeners at once (new connections are refused), and from
 * then on every HTTP/1.x answer says {@code Connection: close}, so a client leaves after
 * reading it. Each connection is closed on its event loop once it stands between
 * requests: a busy one closes itself after its answer; one that has not sent its first
 * request gets {@link #NEW_CONNECTION_GRACE}; an idle kept-alive one stays open up to
 * {@code http.drain_delay}, so its client may send one last request and hear
 * {@code Connection: close} rather than find it closed under a request; an HTTP/2 one
 * gets GOAWAY at once and finishes its streams. All within {@code destroy_timeout}.
 * <p>
 * The listeners close first, before answers start saying {@code Connection: close}:
 * clients told to reconnect would otherwise keep connecting to a listener about to close,
 * and the kernel resets the connections it has queued for a listener when it closes,
 * requests and all.
 * <p>
 * One instance serves both listeners (it is applied to Boot's server and to the TLS one).
 */
final class ConnectionDrain {

	private static final Log logger = LogFactory.getLog(ConnectionDrain.class);

	/**
	 * How long a connection that has sent nothing yet may take to send its request once
	 * the listeners close.
	 */
	static final Duration NEW_CONNECTION_GRACE = Duration.ofSeconds(1);

	/**
	 * How often the drain looks at the connections; each look costs one task per
	 * connection on its event loop.
	 */
	private static final long SWEEP_MILLIS = 50;

	private final Duration delay;

	private final Duration budget;

	private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

	private final List<DisposableServer> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean draining;

	/** The drain under way, between {@link #start} and {@link #await}. */
	private Thread running;

	/**
	 * @param delay {@code http.drain_delay}
	 * @param budget {@code http.pool.destroy_timeout}: the whole drain
	 */
	ConnectionDrain(Duration delay, Duration budget) {
		this.delay = delay;
		this.budget = budget;
	}

	/**
	 * Lets this drain see the listener and its connections; for
	 * {@code addServerCustomizers}.
	 */
	HttpServer apply(HttpServer server) {
		return server.doOnBound(this::bound).doOnChannelInit(this::onChannelInit);
	}

	/** Whether answers now say {@code Connection: close}. */
	boolean draining() {
		return this.draining;
	}

	/** Serving again after a restart of the context. */
	void reset() {
		this.draining = false;
	}

	/**
	 * Starts the drain on a thread of its own, so the application's other drains (TCP,
	 * WebSocket, jobs) overlap it.
	 */
	synchronized void start() {
		if (this.running == null) {
			this.running = new Thread(this::runQuietly, "moonlight-http-drain");
			this.running.start();
		}
	}

	/**
	 * Waits for the drain {@link #start} began: it ends by itself within
	 * {@code destroy_timeout}.
	 */
	void await() throws InterruptedException {
		Thread thread;
		synchronized (this) {
			thread = this.running;
			this.running = null;
		}
		if (thread != null) {
			thread.join();
		}
	}

	private void runQuietly() {
		try {
			run();
		}
		catch (InterruptedException ex) {
			this.connections.forEach(Channel::close);
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Closes the listeners, then waits until every connection has closed between requests
	 * or the budget is spent, when the ones left are closed as they stand.
	 */
	private void run() throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + this.budget.toNanos();
		long idleUntil = Math.min(deadline, started + this.delay.toNanos());
		for (DisposableServer listener : this.listeners) {
			listener.channel().close().await(1, TimeUnit.SECONDS);
		}
		this.draining = true;
		int open = this.connections.size();
		logger.info("Draining: listeners closed; " + open + " connection(s) end between requests, answers saying"
				+ " Connection: close (idle ones within " + RawAnswer.duration(this.delay) + ", http.drain_delay)");
		while (!this.connections.isEmpty() && System.nanoTime() < deadline) {
			sweep(System.nanoTime() >= idleUntil);
			TimeUnit.MILLISECONDS.sleep(SWEEP_MILLIS);
		}
		long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		if (this.connections.isEmpty()) {
			logger.info("Drained: " + open + " connection(s) ended between requests (" + took + "ms)");
			return;
		}
		logger.warn(this.connections.size() + " connection(s) still busy after http.pool.destroy_timeout; closing them"
				+ " as they stand");
		this.connections.forEach(Channel::close);
	}

	/**
	 * Asks each connection's event loop, where its reads and writes happen, whether it
	 * stands between requests.
	 */
	private void sweep(boolean closeIdle) {
		long grace = NEW_CONNECTION_GRACE.toNanos();
		for (Channel channel : this.connections) {
			channel.eventLoop().execute(() -> closeIfBetweenRequests(channel, grace, closeIdle));
		}
	}

	private static void closeIfBetweenRequests(Channel channel, long grace, boolean closeIdle) {
		RequestBoundary boundary = channel.pipeline().get(RequestBoundary.class);
		if (!channel.isOpen() || boundary == null) {
			return;
		}
		RequestBoundary.Stage stage = boundary.stage(channel, System.nanoTime(), grace);
		if ((stage == RequestBoundary.Stage.HTTP2 || (stage == RequestBoundary.Stage.BETWEEN_REQUESTS && closeIdle))
				&& boundary.closeOnce()) {
			channel.close();
		}
		// Else its answer will say Connection: close, its first request is on the way, or
		// its client may still send one last request.
	}

	private void bound(DisposableServer server) {
		this.listeners.add(server);
		server.onDispose(() -> this.listeners.remove(server));
	}

	private void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remote) {
		if (!(channel.parent() instanceof ServerChannel)) {
			return; // an HTTP/2 stream, not a connection
		}
		this.connections.add(channel);
		channel.closeFuture().addListener((future) -> this.connections.remove(channel));
		RequestBoundary.install(channel.pipeline(), this::draining);
	}

}
