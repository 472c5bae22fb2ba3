package dev.moonlight.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Sits after the delimiter decoder and turns two conditions into messages that travel in
 * order with the frames, so the connection answers every frame before them:
 * {@link #OVERSIZE} for a frame over {@code max_frame_size} (the decoder's error, which
 * Reactor Netty would answer by dropping the connection without a word), and {@link #END}
 * when the client shuts its side ({@code printf ... | nc}), which with half-closure
 * allowed is not the end of the connection until the answers are out.
 */
final class FrameSignals extends ChannelInboundHandlerAdapter {

	static final String NAME = "moonlight.tcpFrameSignals";

	/** Stands in the frame stream where a frame over {@code max_frame_size} was. */
	static final Object OVERSIZE = new Signal("OVERSIZE");

	/** The client sends no more: answer what came before, then close. */
	static final Object END = new Signal("END");

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			ctx.fireChannelRead(OVERSIZE);
		}
		else {
			ctx.fireExceptionCaught(cause);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof ChannelInputShutdownEvent) {
			ctx.fireChannelRead(END);
		}
		ctx.fireUserEventTriggered(event);
	}

	private record Signal(String name) {

	}

}
