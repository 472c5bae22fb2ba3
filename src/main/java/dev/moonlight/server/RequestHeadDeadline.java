package dev.moonlight.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * {@code http.read_header_timeout}: a request's head (request line and headers) must
 * arrive within this long of its first byte, and a new connection's first request within
 * this long of the connection's opening. A slowloris client sending a header byte now and
 * then is answered 408 and closed; a connection that never sent a byte is closed.
 * <p>
 * It sits in front of the HTTP codec (behind TLS) and sees bytes: the first byte of a
 * request arms the deadline. {@link Messages}, behind the codec, sees the decoded
 * request: its head disarms the deadline, its end lets the next byte arm it again.
 * Between requests the idle timeout applies instead. An HTTP/2 connection (its preface)
 * disarms it for good: its streams are bounded by the idle timeout and
 * {@code max_concurrent_streams}.
 */
final class RequestHeadDeadline extends ChannelInboundHandlerAdapter {

	static final String NAME = "moonlight.requestHeadDeadline";

	private static final String MESSAGES_NAME = "moonlight.requestHeadDeadline.messages";

	/** Reactor Netty's name for the TLS handler. */
	private static final String TLS_HANDLER = "reactor.left.sslHandler";

	private static final byte[] HTTP2_PREFACE = "PRI ".getBytes(StandardCharsets.US_ASCII);

	private enum State {

		/** No request under way: the next byte starts one. */
		BETWEEN,
		/** A request's head is arriving, against the deadline. */
		HEAD,
		/** The head is in; the body is {@code read_timeout}'s business. */
		BODY,
		/** An HTTP/2 connection: no deadline. */
		OFF

	}

	private final Duration timeout;

	/**
	 * With TLS the clock starts once the handshake is done; Reactor Netty bounds the
	 * handshake itself.
	 */
	private final boolean afterHandshake;

	private State state = State.HEAD;

	private boolean requestBytes;

	private int prefaceMatched;

	private ScheduledFuture<?> deadline;

	private RequestHeadDeadline(Duration timeout, boolean afterHandshake) {
		this.timeout = timeout;
		this.afterHandshake = afterHandshake;
	}

	/**
	 * Puts the deadline in front of the HTTP codec of a new connection, behind TLS when
	 * there is TLS.
	 */
	static void install(ChannelPipeline pipeline, Duration timeout) {
		boolean tls = pipeline.get(TLS_HANDLER) != null;
		RequestHeadDeadline handler = new RequestHeadDeadline(timeout, tls);
		if (tls) {
			pipeline.addAfter(TLS_HANDLER, NAME, handler);
		}
		else {
			pipeline.addFirst(NAME, handler);
		}
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (!this.afterHandshake) {
			arm(ctx);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess() && this.state == State.HEAD
				&& this.deadline == null) {
			arm(ctx);
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf bytes && bytes.isReadable() && this.state != State.OFF && watchMessages(ctx)) {
			if (this.state == State.BETWEEN) {
				this.state = State.HEAD;
				arm(ctx);
			}
			if (this.state == State.HEAD) {
				this.requestBytes = true;
				detectHttp2(bytes);
			}
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		disarm();
		ctx.fireChannelInactive();
	}

	/**
	 * Puts {@link Messages} behind the HTTP/1.1 codec: there from the start in clear text
	 * (named by the h2c upgrade handler when h2c is on), and after ALPN chose HTTP/1.1
	 * with TLS. No codec means HTTP/2 (chosen by ALPN, or after an h2c upgrade): the
	 * deadline is off for good.
	 */
	private boolean watchMessages(ChannelHandlerContext ctx) {
		ChannelPipeline pipeline = ctx.pipeline();
		ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
		if (codec == null) {
			this.state = State.OFF;
			disarm();
			return false;
		}
		if (pipeline.get(MESSAGES_NAME) == null) {
			pipeline.addAfter(codec.name(), MESSAGES_NAME, new Messages(this));
		}
		return true;
	}

	private void detectHttp2(ByteBuf bytes) {
		for (int i = bytes.readerIndex(); i < bytes.writerIndex() && this.prefaceMatched < HTTP2_PREFACE.length
				&& this.prefaceMatched >= 0; i++) {
			this.prefaceMatched = (bytes.getByte(i) == HTTP2_PREFACE[this.prefaceMatched]) ? this.prefaceMatched + 1
					: -1;
		}
		if (this.prefaceMatched == HTTP2_PREFACE.length) {
			this.state = State.OFF;
			disarm();
		}
	}

	private void arm(ChannelHandlerContext ctx) {
		disarm();
		this.requestBytes = false;
		this.deadline = ctx.executor().schedule(() -> expire(ctx), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	private void disarm() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
			this.deadline = null;
		}
	}

	private void expire(ChannelHandlerContext ctx) {
		this.deadline = null;
		if (this.state != State.HEAD || !ctx.channel().isActive()) {
			return;
		}
		this.state = State.OFF;
		if (ctx.pipeline().context(HttpServerCodec.class) == null) {
			return; // no longer HTTP/1.1 (a WebSocket, HTTP/2 by ALPN): the idle timeout
					// is theirs
		}
		if (!this.requestBytes) {
			ctx.close();
			return;
		}
		// Behind TLS and in front of the HTTP codec, which is in the middle of a request
		// and sees nothing more.
		ctx.pipeline()
			.addAfter(NAME, ClosingAnswer.NAME,
					new ClosingAnswer(
							RawAnswer.of(408, "Request Timeout", "The request headers did not arrive within "
									+ RawAnswer.duration(this.timeout) + " (http.read_header_timeout)."),
							!this.afterHandshake));
	}

	private void headReceived() {
		if (this.state == State.HEAD) {
			this.state = State.BODY;
			disarm();
		}
	}

	private void requestReceived() {
		if (this.state == State.BODY) {
			this.state = State.BETWEEN;
		}
	}

	/** Behind the HTTP/1.1 codec: tells the deadline where requests begin and end. */
	private static final class Messages extends ChannelInboundHandlerAdapter {

		private final RequestHeadDeadline deadline;

		Messages(RequestHeadDeadline deadline) {
			this.deadline = deadline;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest) {
				this.deadline.headReceived();
			}
			if (msg instanceof LastHttpContent) {
				this.deadline.requestReceived();
			}
			ctx.fireChannelRead(msg);
		}

	}

}
