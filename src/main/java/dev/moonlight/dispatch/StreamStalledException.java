package dev.moonlight.dispatch;

import java.time.Duration;

/**
 * 504: a streamed answer made no progress for {@code http.stream_stall_timeout}: its
 * reader wanted no item, or its source gave none, for that long.
 */
public class StreamStalledException extends GatewayTimeoutException {

	public StreamStalledException(Duration stall) {
		super("The stream stalled for more than " + stall.toMillis() + "ms");
	}

}
