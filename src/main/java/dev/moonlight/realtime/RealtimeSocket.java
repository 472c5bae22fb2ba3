package dev.moonlight.realtime;

import reactor.core.publisher.SignalType;

import reactor.core.publisher.MonoSink;

import reactor.core.publisher.BaseSubscriber;

import org.reactivestreams.Subscription;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.moonlight.dispatch.Caller;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One open WebSocket: its bounded send buffer, its caller, its subscriptions and its
 * timers. Anything may send from any thread (answers from workers, events from the
 * broker); sends are serialised here and queued, at most {@code SEND_BUFFER} of them, and
 * a client that lets the buffer fill is closed with {@link #SLOW_CONSUMER} rather than
 * buffered without limit.
 * <p>
 * Two ways to close: {@link #closeAfterSending} writes what is queued first (the client
 * must read the reason, as for an expired token); {@link #closeNow} drops the queue (a
 * client that does not read, a dead peer). Either way the connection is torn down after
 * {@link #CLOSE_GRACE} if the close handshake does not finish.
 */
final class RealtimeSocket {

	static final CloseStatus SLOW_CONSUMER = new CloseStatus(1008, "Too slow: the send buffer is full (SEND_BUFFER)");

	static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Token expired");

	static final CloseStatus NO_PONG = new CloseStatus(1001, "No answer to ping (PING_INTERVAL)");

	static final CloseStatus TOO_BIG = new CloseStatus(1009, "Message too big (MAX_FRAME_SIZE)");

	static final CloseStatus SHUTTING_DOWN = new CloseStatus(1001, "Server shutting down");

	static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(RealtimeSocket.class);

	private final WebSocketSession session;

	private final String version;

	private final String path;

	private final Sinks.Many<WebSocketMessage> outbound;

	/** The send buffer's queue, whose room paces streamed answers. */
	private final ArrayBlockingQueue<WebSocketMessage> queued;

	private final int sendBuffer;

	/** The streamed answers being sent, woken when the client has read some. */
	private final Set<Pacer> pacers = ConcurrentHashMap.newKeySet();

	private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final Disposable.Composite timers = Disposables.composite();

	private volatile Mono<Caller> caller = Mono.just(Caller.ANONYMOUS);

	private volatile Disposable expiry = Disposables.disposed();

	private volatile Disposable sending = Disposables.disposed();

	private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

	private volatile boolean heard = true;

	private boolean pinged;

	private final Object callsLock = new Object();

	/**
	 * Calls begun and not yet answered; guarded by {@link #callsLock}, as
	 * {@link #draining} is.
	 */
	private int calls;

	private boolean draining;

	RealtimeSocket(WebSocketSession session, String version, int sendBuffer) {
		this.session = session;
		this.version = version;
		this.path = "/api/" + version + "/ws";
		this.queued = new ArrayBlockingQueue<>(sendBuffer);
		this.sendBuffer = sendBuffer;
		this.outbound = Sinks.many().unicast().onBackpressureBuffer(this.queued);
	}

	String version() {
		return version;
	}

	/** The path the socket was opened on, {@code /api/{v}/ws}. */
	String path() {
		return path;
	}

	InetSocketAddress remoteAddress() {
		return session.getHandshakeInfo().getRemoteAddress();
	}

	Set<String> subscriptions() {
		return subscriptions;
	}

	/**
	 * The caller, once any pending authentication has finished: calls made after an auth
	 * frame wait for it.
	 */
	Mono<Caller> caller() {
		return caller;
	}

	void caller(Mono<Caller> next) {
		this.caller = next;
	}

	/**
	 * Starts writing the queue to the client, and pinging it when {@code pingInterval} is
	 * not zero.
	 */
	void start(Duration pingInterval) {
		// Woken once a frame has left the queue: a request reaches the queue only after
		// doOnRequest's hook, which would find no room yet and let a pacer park for good.
		sending = session.send(outbound.asFlux().doOnNext((taken) -> roomMade()))
			// The close may find the connection already gone; that is the end we wanted.
			.then(Mono.defer(() -> session.close(closeStatus)).onErrorResume((gone) -> Mono.empty()))
			.subscribe(null, (failure) -> logger.debug("realtime: sending stopped: {}", failure.toString()));
		if (!pingInterval.isZero()) {
			timers.add(Flux.interval(pingInterval, pingInterval).subscribe((tick) -> tick()));
		}
	}

	/**
	 * Queues a text frame; closes the socket with {@link #SLOW_CONSUMER} when the send
	 * buffer is full.
	 */
	void send(byte[] frame) {
		queue(new WebSocketMessage(WebSocketMessage.Type.TEXT, session.bufferFactory().wrap(frame)));
	}

	private void queue(WebSocketMessage message) {
		if (closing.get()) {
			return;
		}
		Sinks.EmitResult result;
		synchronized (this) {
			result = outbound.tryEmitNext(message);
		}
		if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
			logger.warn("realtime: closing a socket from {}: {}", remoteAddress(), SLOW_CONSUMER.getReason());
			closeNow(SLOW_CONSUMER);
		}
	}

	/** Something arrived from the client (a frame, a pong): it is alive. */
	void heard() {
		heard = true;
	}

	/**
	 * Each ping interval: quiet since the last tick gets a ping, quiet since the ping is
	 * dead.
	 */
	private void tick() {
		if (heard) {
			heard = false;
			pinged = false;
		}
		else if (pinged) {
			logger.info("realtime: closing a silent socket from {}: {}", remoteAddress(), NO_PONG.getReason());
			closeNow(NO_PONG);
			disconnect();
		}
		else {
			pinged = true;
			queue(session.pingMessage((factory) -> factory.wrap(new byte[0])));
		}
	}

	/**
	 * Closes the socket at {@code at} (a token's expiry), first sending {@code notice};
	 * an earlier schedule is replaced, so a fresh token extends the socket's life.
	 */
	void expireAt(Instant at, byte[] notice) {
		expiry.dispose();
		if (at == null) {
			return;
		}
		Duration left = Duration.between(Instant.now(), at);
		expiry = Mono.delay(left.isNegative() ? Duration.ZERO : left).subscribe((tick) -> {
			send(notice);
			closeAfterSending(TOKEN_EXPIRED);
		});
	}

	/**
	 * Starts a call that will be answered; {@code false} once the server drains, when the
	 * frame must be refused instead (it is not run).
	 */
	boolean beginCall() {
		synchronized (callsLock) {
			if (draining) {
				return false;
			}
			calls++;
			return true;
		}
	}

	/**
	 * A call's answer is queued; the last one a draining socket waited for lets it close.
	 */
	void endCall() {
		boolean last;
		synchronized (callsLock) {
			calls--;
			last = draining && calls == 0;
		}
		if (last) {
			closeAfterSending(SHUTTING_DOWN);
		}
	}

	/**
	 * At shutdown: frames from now on are refused, and the socket closes with
	 * {@link #SHUTTING_DOWN} once every call under way has its answer queued, so no call
	 * is done without its answer reaching the client.
	 */
	void drain() {
		boolean idle;
		synchronized (callsLock) {
			draining = true;
			idle = calls == 0;
		}
		if (idle) {
			closeAfterSending(SHUTTING_DOWN);
		}
	}

	/** Sends what is queued, then closes with {@code status}. */
	void closeAfterSending(CloseStatus status) {
		if (closing.compareAndSet(false, true)) {
			closeStatus = status;
			synchronized (this) {
				outbound.tryEmitComplete();
			}
			timers.add(Mono.delay(CLOSE_GRACE).subscribe((tick) -> disconnect()));
		}
	}

	/** Drops what is queued and closes with {@code status}. */
	void closeNow(CloseStatus status) {
		if (closing.compareAndSet(false, true)) {
			closeStatus = status;
			// Cancelling the send drops the queued frames: no data frame may follow the
			// close frame.
			sending.dispose();
			session.close(status).subscribe(null, (failure) -> disconnect());
			timers.add(Mono.delay(CLOSE_GRACE).subscribe((tick) -> disconnect()));
		}
	}

	/**
	 * Sends each of {@code frames} as the client reads them: a streamed answer fills at
	 * most half the send buffer and pulls its next frame only when there is room, so a
	 * slow client holds its producer back instead of being closed as too slow. Completes
	 * once the last frame is queued; the socket closing cancels the frames.
	 */
	Mono<Void> sendPaced(Flux<byte[]> frames) {
		return Mono.create((done) -> {
			Pacer pacer = new Pacer(done);
			pacers.add(pacer);
			done.onCancel(pacer::dispose);
			if (closing.get()) {
				// Subscribed all the same: the cancel reaches the source.
				pacer.dispose();
				done.success();
			}
			frames.subscribe(pacer);
		});
	}

	private boolean hasRoom() {
		return queued.remainingCapacity() > sendBuffer / 2;
	}

	private void roomMade() {
		if (!pacers.isEmpty()) {
			pacers.forEach(Pacer::wake);
		}
	}

	/** Cancels the streamed answers being sent: nobody will read them. */
	void stopStreams() {
		pacers.forEach(Pacer::stop);
	}

	/** The connection is gone: stop the timers and drop what is queued. */
	void closed() {
		closing.set(true);
		stopStreams();
		expiry.dispose();
		timers.dispose();
		sending.dispose();
		synchronized (this) {
			outbound.tryEmitComplete();
		}
	}

	/**
	 * Pulls a streamed answer's frames one at a time while the send buffer has room;
	 * parks when it has none until the client reads ({@link #roomMade}).
	 */
	private final class Pacer extends BaseSubscriber<byte[]> {

		private final MonoSink<Void> done;

		private final AtomicBoolean parked = new AtomicBoolean();

		Pacer(MonoSink<Void> done) {
			this.done = done;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			pull();
		}

		@Override
		protected void hookOnNext(byte[] frame) {
			send(frame);
			pull();
		}

		@Override
		protected void hookOnComplete() {
			done.success();
		}

		@Override
		protected void hookOnError(Throwable failure) {
			done.error(failure);
		}

		@Override
		protected void hookFinally(SignalType type) {
			pacers.remove(this);
		}

		/** Cancels the frames and ends the answer, which will never be read. */
		void stop() {
			dispose();
			done.success();
		}

		void wake() {
			if (parked.compareAndSet(true, false)) {
				pull();
			}
		}

		/**
		 * Asks for one more frame, or parks; checks again once parked, so room made
		 * meanwhile is not missed.
		 */
		private void pull() {
			if (closing.get()) {
				dispose();
				done.success();
				return;
			}
			if (hasRoom()) {
				request(1);
				return;
			}
			parked.set(true);
			if (hasRoom() && parked.compareAndSet(true, false)) {
				request(1);
			}
		}

	}

	/**
	 * Tears the TCP connection down without waiting for the client's side of the close
	 * handshake.
	 */
	private void disconnect() {
		if (session instanceof NettyUpgrade.Session netty) {
			netty.disconnect();
		}
	}

}
