package dev.moonlight.realtime;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Counts the bytes of a message sent in fragments and, past the limit, drops it and
 * closes with 1009 "Message too big", as Netty's decoder does for a single frame. One per
 * connection, used only by its event loop.
 */
final class FragmentLimit extends ChannelInboundHandlerAdapter {

	static final String NAME = "moonlight.wsFragmentLimit";

	private final int limit;

	private long size;

	private boolean refused;

	FragmentLimit(int limit) {
		this.limit = limit;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
			size = ((WebSocketFrame) msg).content().readableBytes();
		}
		else if (msg instanceof ContinuationWebSocketFrame continuation) {
			size += continuation.content().readableBytes();
		}
		else {
			ctx.fireChannelRead(msg);
			return;
		}
		if (size <= limit && !refused) {
			ctx.fireChannelRead(msg);
			return;
		}
		ReferenceCountUtil.release(msg);
		if (!refused) {
			refused = true;
			ctx.writeAndFlush(
					new CloseWebSocketFrame(RealtimeSocket.TOO_BIG.getCode(), RealtimeSocket.TOO_BIG.getReason()))
				.addListener(ChannelFutureListener.CLOSE);
		}
	}

}
