package dev.moonlight.server;

import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * Where one connection stands between requests, for a drain that must close it only
 * there; and, while the server drains, {@code Connection: close} on every HTTP/1.x
 * answer, so the client leaves after reading it.
 * <p>
 * It sits in front of the HTTP codec (behind TLS) and counts the reads that bring request
 * bytes. {@link Answers}, behind Reactor Netty's HTTP/1.1 traffic handler, notes how many
 * reads had come when an answer's last part was written. The connection is between
 * requests when no request is being served (no Reactor Netty operations on it) and
 * nothing came after the last answer: a request whose first bytes the codec holds is not
 * cut. Every method runs on the connection's event loop, like the reads and writes it
 * compares.
 */
final class RequestBoundary extends ChannelInboundHandlerAdapter {

	static final String NAME = "moonlight.requestBoundary";

	private static final String ANSWERS_NAME = "moonlight.requestBoundary.answers";

	private static final String REQUESTS_NAME = "moonlight.requestBoundary.requests";

	private final BooleanSupplier draining;

	private final long openedNanos = System.nanoTime();

	private long reads;

	private long readsAnswered;

	private boolean closing;

	/** A request's head has been decoded and its last part not yet. */
	private boolean requestOpen;

	/**
	 * The open request was answered before its body had all come (a refusal that reads no
	 * body): the reads bringing the rest belong to it, not to a next request.
	 */
	private boolean answeredEarly;

	private RequestBoundary(BooleanSupplier draining) {
		this.draining = draining;
	}

	/** In front of the HTTP codec of a new connection, behind TLS when there is TLS. */
	static void install(ChannelPipeline pipeline, BooleanSupplier draining) {
		RequestBoundary boundary = new RequestBoundary(draining);
		if (pipeline.get(NettyPipeline.SslHandler) != null) {
			pipeline.addAfter(NettyPipeline.SslHandler, NAME, boundary);
		}
		else {
			pipeline.addFirst(NAME, boundary);
		}
		boundary.watchAnswers(pipeline);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
			this.reads++;
			// With TLS, ALPN has set up HTTP/1.1 (or HTTP/2) by the time the first bytes
			// come through.
			watchAnswers(ctx.pipeline());
		}
		ctx.fireChannelRead(msg);
	}

	/** Where the connection stands now; call on its event loop. */
	Stage stage(Channel channel, long now, long newConnectionGraceNanos) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(Http2FrameCodec.class) != null || pipeline.get(Http2MultiplexHandler.class) != null) {
			return Stage.HTTP2;
		}
		if (ChannelOperations.get(channel) != null || this.reads > this.readsAnswered || unsent(channel)) {
			return Stage.BUSY;
		}
		if (this.reads == 0 && now - this.openedNanos < newConnectionGraceNanos) {
			return Stage.NEW;
		}
		return Stage.BETWEEN_REQUESTS;
	}

	/**
	 * Whether bytes of an answer are still waiting to leave: the last part of an answer
	 * counts as written when it is handed to Netty, and a close now would drop the rest
	 * of a large body on its way to a slow client.
	 */
	private static boolean unsent(Channel channel) {
		ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
		return outbound != null && outbound.totalPendingWriteBytes() > 0;
	}

	/**
	 * Whether the drain closes this connection for the first time (HTTP/2 takes a while:
	 * GOAWAY, then its streams).
	 */
	boolean closeOnce() {
		boolean first = !this.closing;
		this.closing = true;
		return first;
	}

	private void watchAnswers(ChannelPipeline pipeline) {
		if (pipeline.get(ANSWERS_NAME) == null && pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
			pipeline.addAfter(NettyPipeline.HttpTrafficHandler, ANSWERS_NAME, new Answers(this));
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, REQUESTS_NAME, new Requests(this));
			}
		}
	}

	/** Where a connection stands, for the drain. */
	enum Stage {

		/**
		 * A request is arriving or being served (or the connection is a WebSocket): its
		 * answer closes it.
		 */
		BUSY,

		/**
		 * Opened a moment ago and nothing read yet: its first request is surely on the
		 * way.
		 */
		NEW,

		/** Nothing to answer: the drain may close it. */
		BETWEEN_REQUESTS,

		/**
		 * HTTP/2: closing sends GOAWAY, and Netty closes once the streams under way have
		 * their answers.
		 */
		HTTP2

	}

	/**
	 * Behind Reactor Netty's HTTP/1.1 traffic handler, which reads
	 * {@code Connection: close} off the answer and closes the connection once the answer
	 * is written.
	 */
	private static final class Answers extends ChannelOutboundHandlerAdapter {

		private final RequestBoundary boundary;

		Answers(RequestBoundary boundary) {
			this.boundary = boundary;
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			boolean interim = false;
			if (msg instanceof HttpResponse response) {
				// 100 Continue and 101 Switching Protocols are no answer: the request (or
				// the WebSocket) goes on.
				interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
				if (!interim && this.boundary.draining.getAsBoolean()) {
					HttpUtil.setKeepAlive(response, false);
				}
			}
			if (msg instanceof LastHttpContent && !interim) {
				this.boundary.readsAnswered = this.boundary.reads;
				this.boundary.answeredEarly = this.boundary.requestOpen;
			}
			ctx.write(msg, promise);
		}

	}

	/**
	 * Behind the HTTP codec: where each request begins and ends, so that the rest of a
	 * body that comes after its answer does not count as a next request (the drain would
	 * wait for an answer that never comes, up to {@code destroy_timeout}).
	 */
	private static final class Requests extends ChannelInboundHandlerAdapter {

		private final RequestBoundary boundary;

		Requests(RequestBoundary boundary) {
			this.boundary = boundary;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest) {
				this.boundary.requestOpen = true;
			}
			if (msg instanceof LastHttpContent) {
				this.boundary.requestOpen = false;
				if (this.boundary.answeredEarly) {
					this.boundary.answeredEarly = false;
					this.boundary.readsAnswered = this.boundary.reads;
				}
			}
			ctx.fireChannelRead(msg);
		}

	}

}
