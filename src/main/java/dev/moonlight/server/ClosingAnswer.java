package dev.moonlight.server;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Sends a last answer and closes the connection the way a client can read it: closing at
 * once with the client's bytes unread makes the kernel reset the connection, and a reset
 * can overtake the answer. So the answer is sent, the sending side shut, whatever still
 * arrives is discarded, and the connection is closed once the client has closed or after
 * {@link #LINGER_MILLIS}. Installed in front of the HTTP codec, which then sees nothing
 * more.
 */
final class ClosingAnswer extends ChannelInboundHandlerAdapter {

	static final String NAME = "moonlight.closingAnswer";

	static final long LINGER_MILLIS = 2000;

	private final ByteBuf answer;

	private final boolean halfClose;

	/**
	 * @param answer the bytes to send
	 * @param halfClose whether to shut the sending side first (not with TLS, whose close
	 * must go through its handler)
	 */
	ClosingAnswer(ByteBuf answer, boolean halfClose) {
		this.answer = answer;
		this.halfClose = halfClose;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		ctx.writeAndFlush(this.answer).addListener((ChannelFuture written) -> {
			if (this.halfClose && written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
				duplex.shutdownOutput();
			}
			Runnable close = ctx::close;
			ctx.executor().schedule(close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
		});
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ReferenceCountUtil.release(msg);
	}

}
