package dev.moonlight.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import dev.moonlight.config.ConfigException;
import dev.moonlight.reload.ReloadHandedOver;
import dev.moonlight.server.SharedPort;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import reactor.core.publisher.Mono;
import reactor.netty.ChannelBindException;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin RPC listener: newline-delimited JSON over TCP on Reactor Netty, one answer
 * line per request line, in order; a line the {@link RpcHandler} refuses (not a JSON
 * object, no valid token, too long) is answered and closes the connection, and no line
 * after it is read. It has one event-loop thread of its own, so it keeps answering (and
 * {@code stop} keeps working) when the HTTP loops are saturated, and closing it never
 * touches loops other servers share.
 * <p>
 * It starts after the HTTP server and stops before it drains, so an answering RPC means
 * HTTP is up.
 */
public final class RpcServer implements SmartLifecycle, ApplicationListener<ReloadHandedOver> {

	/** After the web server's start and graceful-shutdown phases. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	/** Longest request line; a request is a few hundred bytes. */
	static final int MAX_LINE_BYTES = 64 * 1024;

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(RpcServer.class);

	private final RpcSettings settings;

	private final RpcHandler handler;

	private final AdminMethods methods;

	private final RpcToken token;

	private volatile DisposableServer server;

	private LoopResources loops;

	private final SharedPort sharedPort;

	private final RpcAddressFile addressFile;

	/** What this server wrote in {@link #addressFile}, or {@code null}. */
	private String written;

	RpcServer(RpcSettings settings, RpcToken token, AdminMethods methods, JsonMapper json, SharedPort sharedPort,
			RpcAddressFile addressFile) {
		this.settings = settings;
		this.sharedPort = sharedPort;
		this.addressFile = addressFile;
		this.handler = new RpcHandler(methods, token, json);
		this.methods = methods;
		this.token = token;
	}

	@Override
	public synchronized void start() {
		if (sharedPort.taken(new InetSocketAddress(settings.host(), settings.port()))) {
			throw cannotBind(new IllegalStateException(settings.host() + ":" + settings.port() + " is in use"));
		}
		loops = LoopResources.create("moonlight-rpc", 1, 1, true);
		try {
			server = sharedPort
				.share(TcpServer.create()
					.host(settings.host())
					.port(settings.port())
					.runOn(loops)
					.doOnConnection(this::frameLines)
					.handle(this::serve))
				.bindNow(BIND_TIMEOUT);
		}
		catch (RuntimeException ex) {
			loops.dispose();
			throw (ex instanceof ChannelBindException) ? cannotBind(ex) : ex;
		}
		String address = settings.address(server.port());
		methods.listening(address);
		writeAddress(address);
		logger.info("Admin RPC listening on {} (token: {})", address, token.source());
	}

	/**
	 * Tells the commands the bound address; without the file they use their own
	 * {@code rpc.listen}, which misses a port 0 and an address only this process was
	 * given.
	 */
	private void writeAddress(String address) {
		try {
			written = addressFile.write(address, ProcessHandle.current().pid());
		}
		catch (IOException ex) {
			logger.warn("Admin RPC: cannot write {} ({}); the commands will look for it on rpc.listen",
					addressFile.path(), ex.toString());
		}
	}

	private void deleteAddress() {
		String content = written;
		written = null;
		if (content == null) {
			return;
		}
		try {
			addressFile.deleteIfStill(content);
		}
		catch (IOException ex) {
			// Left behind, it names a pid that is soon gone, which the commands ignore.
			logger.debug("Admin RPC: cannot delete {}", addressFile.path(), ex);
		}
	}

	/** The bound port (the real one when {@code rpc.listen} asked for port 0). */
	int port() {
		return server.port();
	}

	/** {@code tcp://host:port} as bound, for the start banner. */
	public String address() {
		DisposableServer running = server;
		return settings.address((running != null) ? running.port() : settings.port());
	}

	private ConfigException cannotBind(RuntimeException ex) {
		return new ConfigException(settings.listen().origin(), settings.listen().value(),
				"The admin RPC cannot listen there: the port is in use (another instance? 'stopserver' stops it) "
						+ "or the address is not on this machine.",
				ex);
	}

	private void frameLines(Connection connection) {
		connection.addHandlerLast("rpc-lines", new LineBasedFrameDecoder(MAX_LINE_BYTES, true, false))
			.addHandlerLast("rpc-line-too-long", new TooLongAnswer(handler.tooLong(MAX_LINE_BYTES)));
	}

	/**
	 * One line at a time, answered before the next is read: after a closing answer the
	 * flux ends, which closes the connection, and the lines behind it (an HTTP request's
	 * body) are never looked at.
	 */
	private Publisher<Void> serve(NettyInbound in, NettyOutbound out) {
		return in.receive()
			.asString(StandardCharsets.UTF_8)
			.concatMap((line) -> handler.answer(line)
				.flatMap((answer) -> out.sendString(Mono.just(answer.line() + "\n"), StandardCharsets.UTF_8)
					.then()
					.doOnSuccess((ignored) -> answer.afterSent().run())
					.thenReturn(answer)), 1)
			.takeUntil(RpcAnswer::closes)
			.then();
	}

	@Override
	public synchronized void stop() {
		DisposableServer running = server;
		server = null;
		if (running != null) {
			deleteAddress();
			running.disposeNow(STOP_TIMEOUT);
			loops.disposeLater(Duration.ZERO, STOP_TIMEOUT).block(STOP_TIMEOUT);
		}
	}

	/**
	 * Around a reload both processes listen on the admin port, and the kernel hands a
	 * command to either: once the new one serves, this one, which only drains from then
	 * on, stops listening, so every command reaches the one that serves on.
	 */
	@Override
	public void onApplicationEvent(ReloadHandedOver event) {
		if (isRunning()) {
			logger.info("Admin RPC closed: pid {} answers the commands now", event.successorPid());
			try {
				stop();
			}
			catch (RuntimeException ex) {
				logger.warn("Admin RPC: closing its listener failed: {}", ex.toString());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return server != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Answers a line over the limit with an error, then closes the connection as for any
	 * refused line.
	 */
	private static final class TooLongAnswer extends ChannelInboundHandlerAdapter {

		private final String answer;

		TooLongAnswer(String answer) {
			this.answer = answer + "\n";
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			if (cause instanceof TooLongFrameException) {
				context.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8))
					.addListener(ChannelFutureListener.CLOSE);
			}
			else {
				context.fireExceptionCaught(cause);
			}
		}

	}

}
