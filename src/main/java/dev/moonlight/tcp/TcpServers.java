package dev.moonlight.tcp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.config.ConfigException;
import dev.moonlight.logging.RequestLogContext;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.reload.Runner;
import dev.moonlight.server.SharedPort;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * Starts the configured TCP servers with the application and stops them with it. Each
 * server splits its input on its delimiter (Netty's decoder, bounded by
 * {@code max_frame_size}), counts its connections against {@code max_connections}, and
 * hands events to its handler: a blocking {@link TcpHandler} on the {@code tcp.pool}
 * workers, a {@link ReactiveTcpHandler} on the event loop. The servers have event loops
 * of their own, apart from HTTP's, so a busy TCP client never delays an HTTP request's
 * I/O.
 */
public final class TcpServers implements Runner {

	private static final Logger logger = LoggerFactory.getLogger(TcpServers.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final TcpSection section;

	private final Map<String, Invoker> handlers;

	private final BoundedWorkerPool pool;

	private final SharedPort sharedPort;

	private final Map<String, DisposableServer> running = new LinkedHashMap<>();

	private final Map<String, AtomicInteger> connections = new LinkedHashMap<>();

	/** The connections being served, to close between frames at shutdown. */
	private final Set<TcpConnection> serving = ConcurrentHashMap.newKeySet();

	private LoopResources loops;

	TcpServers(TcpSection section, Map<String, Object> handlers, BoundedWorkerPool pool, SharedPort sharedPort) {
		this.section = section;
		this.sharedPort = sharedPort;
		this.pool = pool;
		this.handlers = new LinkedHashMap<>();
		for (TcpServerSection server : section.servers()) {
			Object handler = handlers.get(server.name());
			if (handler == null) {
				throw new ConfigException(server.origin(), null, "No handler serves this TCP server; mark a TcpHandler "
						+ "bean with @TcpWorker(\"" + server.name() + "\").");
			}
			this.handlers.put(server.name(), adapt(server.name(), handler));
			connections.put(server.name(), new AtomicInteger());
		}
	}

	/** One invoker shape for both handler kinds, chosen once here. */
	private Invoker adapt(String name, Object handler) {
		if (handler instanceof ReactiveTcpHandler reactive) {
			return new Invoker(reactive::handle, Math.max(1, reactive.maxInFlight()));
		}
		TcpHandler blocking = (TcpHandler) handler;
		String label = "tcp " + name;
		return new Invoker((event) -> pool.submit(label, () -> {
			try (RequestLogContext log = RequestLogContext.open(event.connectionId().toString())) {
				return blocking.handle(event);
			}
		}), 1);
	}

	/**
	 * A server's handler as a connection calls it, and how many of a connection's frames
	 * it takes at once.
	 */
	private record Invoker(Function<TcpEvent, Mono<TcpAnswer>> handle, int maxInFlight) {
	}

	/**
	 * The line every refusal and failure is answered with:
	 * {@code ERROR <status> <reason>} and the delimiter.
	 */
	static byte[] errorLine(int status, String reason, byte[] delimiter) {
		byte[] text = ("ERROR " + status + " " + reason).getBytes(StandardCharsets.UTF_8);
		byte[] line = new byte[text.length + delimiter.length];
		System.arraycopy(text, 0, line, 0, text.length);
		System.arraycopy(delimiter, 0, line, text.length, delimiter.length);
		return line;
	}

	@Override
	public synchronized void start() {
		if (loops != null || section.servers().isEmpty()) {
			return;
		}
		loops = LoopResources.create("moonlight-tcp", 1, Math.max(2, Runtime.getRuntime().availableProcessors()), true);
		try {
			section.servers().forEach(this::bind);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private void bind(TcpServerSection server) {
		Invoker handler = handlers.get(server.name());
		AtomicInteger open = connections.get(server.name());
		DisposableServer bound;
		if (sharedPort.taken(new InetSocketAddress(server.host(), server.port()))) {
			throw new ConfigException(server.origin(), server.host() + ":" + server.port(),
					"Cannot listen on this address: another program is using the port.");
		}
		try {
			bound = sharedPort.share(TcpServer.create()
				.host(server.host())
				.port(server.port())
				// A client that sends its last frame and shuts its side ("printf ... |
				// nc") still gets the answers. NIO rather than epoll: with Netty 4.2's
				// epoll, reading on after the input is shut fails (epoll_ctl ENOENT).
				.runOn(loops, false)
				.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
				.childOption(ChannelOption.RCVBUF_ALLOCATOR, readBuffers(server.readBufferBytes()))
				.doOnConnection((connection) -> frames(connection, server))
				.handle((in, out) -> accept(server, handler, open, in, out))).bindNow();
		}
		catch (RuntimeException ex) {
			throw new ConfigException(server.origin(), server.host() + ":" + server.port(),
					"Cannot listen on this address (" + rootMessage(ex) + "); is another program using the port?", ex);
		}
		running.put(server.name(), bound);
		logger.info("TCP server {} listening on tcp://{}:{} (delimiter \"{}\")", server.name(), server.host(),
				bound.port(), server.printableDelimiter());
	}

	/**
	 * Reads grow from small chunks up to {@code read_buf_size}, as RoadRunner's read
	 * buffer bounds one read.
	 */
	private static AdaptiveRecvByteBufAllocator readBuffers(int max) {
		return new AdaptiveRecvByteBufAllocator(64, Math.min(2048, max), max);
	}

	private static void frames(Connection connection, TcpServerSection server) {
		connection.addHandlerLast("moonlight.tcpFrames",
				new TcpFrameDecoder(server.maxFrameSize(), server.delimiter()));
		connection.addHandlerLast(FrameSignals.NAME, new FrameSignals());
	}

	private Mono<Void> accept(TcpServerSection server, Invoker handler, AtomicInteger open, NettyInbound in,
			NettyOutbound out) {
		if (open.incrementAndGet() > server.maxConnections()) {
			open.decrementAndGet();
			return out
				.sendByteArray(
						Mono.just(errorLine(503,
								"too many connections (" + server.path() + ".max_connections=" + server.maxConnections()
										+ ")",
								server.delimiter())))
				.then();
		}
		Connection[] connection = new Connection[1];
		in.withConnection((c) -> connection[0] = c);
		TcpConnection served = new TcpConnection(server, handler.handle(), handler.maxInFlight(), connection[0], out);
		serving.add(served);
		return served.serve(in).doFinally((signal) -> {
			open.decrementAndGet();
			serving.remove(served);
		});
	}

	/**
	 * Stops accepting, then closes each connection between frames: a frame under way gets
	 * its answer first, within {@code tcp.pool.destroy_timeout}. The pool closes after,
	 * before any bean is destroyed (the DataSource included).
	 */
	@Override
	public synchronized void stop() {
		running.forEach((name, server) -> server.disposeNow(STOP_TIMEOUT));
		running.clear();
		drainConnections();
		if (loops != null) {
			// Drained: no quiet period, which holds a stop 2 s for nothing.
			loops.disposeLater(Duration.ZERO, STOP_TIMEOUT).block(STOP_TIMEOUT);
			loops = null;
		}
		if (pool != null) {
			pool.close();
		}
	}

	private void drainConnections() {
		if (serving.isEmpty()) {
			return;
		}
		logger.info("TCP: closing {} connection(s) between frames", serving.size());
		serving.forEach(TcpConnection::drain);
		long deadline = System.nanoTime() + ((pool != null) ? pool.limits().destroyTimeout() : STOP_TIMEOUT).toNanos();
		try {
			while (serving.stream().anyMatch((connection) -> !connection.isClosed()) && System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(10);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return loops != null;
	}

	/**
	 * Stops right after readiness turns 503 (the first phase), so a balancer hears of it
	 * before this drain's wait.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

	/** The port a running server listens on (useful with port 0). */
	public synchronized int port(String server) {
		DisposableServer bound = running.get(server);
		if (bound == null) {
			throw new IllegalArgumentException("No running TCP server " + server + "; running: " + running.keySet());
		}
		return bound.port();
	}

	/** The names of the running servers. */
	public synchronized List<String> servers() {
		return List.copyOf(running.keySet());
	}

	/** The connections a server has open now. */
	public int openConnections(String server) {
		AtomicInteger open = connections.get(server);
		return (open != null) ? open.get() : 0;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

}
