package dev.moonlight.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Sits after the delimiter decoder and turns its "frame too long" error into {@link #OVERSIZE}, a message that travels
 * in order with the frames: the connection then answers the frames before it and refuses this one, instead of Reactor
 * Netty tearing the connection down without a word.
 */
final class FrameLimit extends ChannelInboundHandlerAdapter {

	static final String NAME = "moonlight.tcpFrameLimit";

	/** Stands in the frame stream where a frame over {@code max_frame_size} was. */
	static final Object OVERSIZE = new Object() {
		@Override
		public String toString() {
			return "OVERSIZE";
		}
	};

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			ctx.fireChannelRead(OVERSIZE);
		}
		else {
			ctx.fireExceptionCaught(cause);
		}
	}

}
