package dev.moonlight.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.logging.LogFields;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.channel.AbortedException;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;

/**
 * One connection's life: {@code CONNECTED}, a {@code DATA} event per frame in order, and
 * {@code CLOSE} once it ends, whoever ended it. With {@code maxInFlight} 1 each frame is
 * handled after the one before it; above 1, that many frames are handled at once (a frame
 * read after one whose answer closes the connection may have been handled by then).
 * Either way the answers leave in the order the frames came, through one outbound stream
 * per connection, so answers ready together go out in one write; the connection closes
 * once that stream has written its last answer. Failures close the connection with one
 * line, {@code ERROR <status> <reason>}: 413 for a frame over {@code max_frame_size}, 408
 * after {@code idle_timeout}, 500 when the handler throws (logged with the stack; the
 * reason is never the exception's).
 */
final class TcpConnection {

	private static final Logger logger = LoggerFactory.getLogger(TcpConnection.class);

	private final TcpServerSection server;

	private final Function<TcpEvent, Mono<TcpAnswer>> handler;

	private final int maxInFlight;

	private final UUID id = UUID.randomUUID();

	private final InetSocketAddress remote;

	private final NettyOutbound out;

	/**
	 * Events in the handler. A count, not a flag: one event's end may run on a worker
	 * thread after the next event has started on the event loop, and must not mark that
	 * one as finished.
	 */
	private final AtomicInteger working = new AtomicInteger();

	private final Connection connection;

	/**
	 * An idle check found the handler working: its answer starts a fresh idle_timeout
	 * (Netty counts from reads).
	 */
	private volatile boolean idleWhileWorking;

	/**
	 * Shutting down: no event begins, and the connection closes once the ones under way
	 * have their answers. Guarded by this connection's lock.
	 */
	private boolean draining;

	/**
	 * Ends the answers after those under way when the server drains, as the client's own
	 * end would.
	 */
	private final Sinks.Empty<Void> drained = Sinks.empty();

	/**
	 * A frame will end the connection (over {@code max_frame_size}, or its handler
	 * failed): the frames after it are neither handled nor answered, even those already
	 * read while several are in flight.
	 */
	private boolean stopping;

	TcpConnection(TcpServerSection server, Function<TcpEvent, Mono<TcpAnswer>> handler, int maxInFlight,
			Connection connection, NettyOutbound out) {
		this.server = server;
		this.handler = handler;
		this.maxInFlight = maxInFlight;
		this.remote = (InetSocketAddress) connection.address();
		this.out = out;
		this.connection = connection;
		watchIdle();
	}

	/** Serves the connection; completing closes it. */
	Mono<Void> serve(NettyInbound in) {
		// Reading ends at the client's end or the server's drain, whichever comes first;
		// frames already read by then meet draining and are not handled.
		Flux<Object> frames = in.receiveObject()
			.map(TcpConnection::copy)
			.takeUntilOther(drained.asMono().thenReturn(FrameSignals.END))
			.concatWithValues(FrameSignals.END);
		TcpEvent connected = TcpEvent.of(TcpEvent.Kind.CONNECTED, server.name(), id, remote);
		Flux<Pending> answers = Flux.concat(answer(connected), ordered(frames));
		// The answer that closes the connection is the last one written; a streamed
		// answer's lines are pulled only as the socket takes them.
		Flux<ByteBuf> bytes = answers.takeUntil(TcpConnection::closes)
			.concatMap(this::write, 1)
			// Answers ready but never written (the connection ended first)
			// give up what still waits behind them.
			.doOnDiscard(Pending.class, (dropped) -> {
				if (dropped.answer() != null) {
					dropped.answer().discard();
				}
			});
		return out.send(bytes).then().onErrorResume(this::failed).doFinally((signal) -> closed());
	}

	/** Each frame's answer, in the order the frames came. */
	private Flux<Pending> ordered(Flux<Object> frames) {
		if (maxInFlight == 1) {
			// Prefetch 1: one frame waits while another is handled; the rest stay in the
			// socket.
			return frames.concatMap(this::pending, 1);
		}
		return frames.flatMapSequential(this::pending, maxInFlight, 1);
	}

	/**
	 * An answer's bytes for the outbound stream: one write, or a streamed answer's lines
	 * as they come.
	 */
	private Flux<ByteBuf> write(Pending pending) {
		if (pending.answer() != null) {
			return pending.answer().stream(server.delimiter()).map(Unpooled::wrappedBuffer);
		}
		byte[] bytes = bytes(pending);
		return (bytes != null && bytes.length > 0) ? Flux.just(Unpooled.wrappedBuffer(bytes)) : Flux.empty();
	}

	private static boolean closes(Pending pending) {
		return pending.answer() == null || !pending.answer().keepsOpen();
	}

	private byte[] bytes(Pending pending) {
		if (pending.failure() != null) {
			return failureLine(pending.failure());
		}
		return pending.oversize() ? TcpServers.errorLine(413,
				"frame longer than " + server.maxFrameSize() + " bytes (" + server.path() + ".max_frame_size)",
				server.delimiter()) : null;
	}

	/** A frame handled, its answer not sent yet. */
	private Mono<Pending> pending(Object frame) {
		if (frame == FrameSignals.END) {
			return Mono.just(Pending.STOP);
		}
		if (frame == FrameSignals.OVERSIZE) {
			stop();
			return Mono.just(Pending.OVERSIZE);
		}
		return answer(new TcpEvent(TcpEvent.Kind.DATA, server.name(), id, remote, (byte[]) frame));
	}

	/**
	 * The handler's answer to an event, unless the connection is ending; a failure waits
	 * for the answers before it, then ends the connection.
	 */
	private Mono<Pending> answer(TcpEvent event) {
		return Mono.defer(() -> begin() ? handle(event).map(Pending::new).onErrorResume((failure) -> {
			stop();
			return Mono.just(Pending.failed(failure));
		}) : Mono.just(Pending.STOP));
	}

	/**
	 * What {@link #pending} made of a frame: its handler's answer or failure, or none
	 * when reading ends (the client's end, the server draining, or a frame over
	 * {@code max_frame_size}).
	 */
	private record Pending(TcpAnswer answer, Throwable failure, boolean oversize) {

		static final Pending STOP = new Pending(null, null, false);

		static final Pending OVERSIZE = new Pending(null, null, true);

		Pending(TcpAnswer answer) {
			this(answer, null, false);
		}

		static Pending failed(Throwable failure) {
			return new Pending(null, failure, false);
		}

	}

	/**
	 * At shutdown: closes the connection between frames. A frame under way is answered
	 * first; frames after it are neither handled nor answered, so a client knows which
	 * ones were done: those it has answers for.
	 */
	void drain() {
		synchronized (this) {
			draining = true;
		}
		drained.tryEmitEmpty();
	}

	/** Whether the connection has been closed. */
	boolean isClosed() {
		return connection.isDisposed();
	}

	private synchronized boolean begin() {
		return !draining && !stopping;
	}

	private synchronized void stop() {
		stopping = true;
	}

	private Mono<TcpAnswer> handle(TcpEvent event) {
		return Mono.defer(() -> {
			working.incrementAndGet();
			return handler.apply(event);
		}).doFinally((signal) -> {
			if (working.decrementAndGet() == 0 && idleWhileWorking) {
				idleWhileWorking = false;
				watchIdle();
			}
		}).defaultIfEmpty(TcpAnswer.read());
	}

	/**
	 * A failure of the connection itself (its socket, or the stream of answers): the
	 * error line if the client can still read it.
	 */
	private Mono<Void> failed(Throwable failure) {
		byte[] line = failureLine(failure);
		return (line != null) ? send(line) : Mono.empty();
	}

	/**
	 * Logs a failure and gives the error line it is answered with, or {@code null} when
	 * the client went away.
	 */
	private byte[] failureLine(Throwable failure) {
		if (failure instanceof MoonlightException known) {
			logger.warn("tcp {} {}: {} {}", server.name(), id, known.status(), LogFields.safe(known.getMessage()));
			return TcpServers.errorLine(known.status(), known.getMessage(), server.delimiter());
		}
		if (clientWentAway(failure)) {
			// A reset or a closed socket is the client's doing and happens all day: one
			// quiet line, no stack.
			logger.debug("tcp {} {}: the client from {} went away: {}", server.name(), id, remote,
					LogFields.safe(failure));
			return null;
		}
		logger.error("tcp {} {}: the handler failed; closing the connection from {}", server.name(), id, remote,
				failure);
		return TcpServers.errorLine(500, "the server could not handle the request", server.delimiter());
	}

	/**
	 * A reset, a broken pipe or a channel already closed, anywhere in the cause chain.
	 */
	static boolean clientWentAway(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClosedChannelException || cause instanceof AbortedException) {
				return true;
			}
			// NIO says "Connection reset", epoll "recvAddress(..) failed: Connection
			// reset by peer".
			if (cause instanceof IOException io && io.getMessage() != null
					&& (io.getMessage().contains("Connection reset") || io.getMessage().contains("Broken pipe"))) {
				return true;
			}
		}
		return false;
	}

	private Mono<Void> error(int status, String reason) {
		return send(TcpServers.errorLine(status, reason, server.delimiter()));
	}

	/** A line outside the stream of answers, for the ends that come from elsewhere. */
	private Mono<Void> send(byte[] line) {
		return out.sendByteArray(Mono.just(line)).then().onErrorResume((gone) -> Mono.empty());
	}

	/**
	 * Read-idle for {@code idle_timeout}: unless a handler is still working on the last
	 * frame, say so and close. When it is, the timer restarts once the handler is done,
	 * so the client gets a whole idle_timeout after the answer.
	 */
	/**
	 * Starts (or restarts) the read-idle timer; Reactor Netty replaces the previous one.
	 */
	private void watchIdle() {
		if (!server.idleTimeout().isZero()) {
			connection.onReadIdle(server.idleTimeout().toMillis(), this::idle);
		}
	}

	private void idle() {
		if (working.get() > 0) {
			idleWhileWorking = true;
			return;
		}
		logger.debug("tcp {} {}: idle for {}; closing", server.name(), id, server.idleTimeout());
		error(408, "idle for " + readable(server.idleTimeout()) + " (" + server.path() + ".idle_timeout)")
			.subscribe(null, null, connection::dispose);
	}

	private static String readable(java.time.Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/**
	 * Tells the handler the connection is gone; its answer is ignored and its failure
	 * only logged.
	 */
	private void closed() {
		Mono.defer(() -> handler.apply(TcpEvent.of(TcpEvent.Kind.CLOSE, server.name(), id, remote)))
			.subscribe(null,
					(failure) -> logger.warn("tcp {} {}: the CLOSE handler failed", server.name(), id, failure));
	}

	/**
	 * Frames are released once delivered; the handler gets its own bytes, which may
	 * outlive the buffer.
	 */
	private static Object copy(Object frame) {
		return (frame instanceof ByteBuf bytes) ? ByteBufUtil.getBytes(bytes) : frame;
	}

}
