package dev.moonlight.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Netty's delimiter decoder with {@code max_frame_size} counted on the frame alone.
 * Netty's own limit also counts the part of the delimiter that has arrived, so a frame of
 * exactly the limit was refused when its delimiter came split across two reads and
 * accepted when it came whole: the answer depended on how the network cut the bytes.
 */
final class TcpFrameDecoder extends DelimiterBasedFrameDecoder {

	private final int maxFrameSize;

	TcpFrameDecoder(int maxFrameSize, byte[] delimiter) {
		// Room for all but the last delimiter byte: until it arrives, a frame of the
		// limit is not known to be longer.
		super((int) Math.min((long) maxFrameSize + delimiter.length - 1, Integer.MAX_VALUE), true, true,
				Unpooled.wrappedBuffer(delimiter));
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
		Object frame = super.decode(ctx, buffer);
		if (frame instanceof ByteBuf bytes && bytes.readableBytes() > maxFrameSize) {
			bytes.release();
			throw new TooLongFrameException("frame length exceeds " + maxFrameSize);
		}
		return frame;
	}

}
