package dev.moonlight.server;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.moonlight.config.HttpLimits;
import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServer;

/**
 * {@code http.max_connections}, {@code idle_timeout}, {@code read_header_timeout} and
 * {@code read_timeout} on a listener. One instance serves both listeners, so the cap
 * counts the connections of both. A connection over the cap is closed as it is accepted
 * (in clear text after a 503 envelope; with TLS there is no channel to answer on yet), so
 * the ones under it keep being served.
 */
final class ConnectionLimits implements OpenConnections {

	private static final Log logger = LogFactory.getLog(ConnectionLimits.class);

	private final HttpLimits limits;

	/** What sets the cap, as its messages name it. */
	private final String capKey;

	private final AtomicInteger open = new AtomicInteger();

	/**
	 * Whether the cap is being hit now, so a flood logs one line rather than one per
	 * connection.
	 */
	private final AtomicBoolean atCap = new AtomicBoolean();

	ConnectionLimits(HttpLimits limits) {
		this(limits, "http.max_connections");
	}

	ConnectionLimits(HttpLimits limits, String capKey) {
		this.limits = limits;
		this.capKey = capKey;
	}

	@Override
	public int open() {
		return this.open.get();
	}

	HttpServer apply(HttpServer server) {
		HttpServer limited = server.doOnChannelInit(this::onChannelInit);
		if (!this.limits.idleTimeout().isZero()) {
			limited = limited.idleTimeout(this.limits.idleTimeout());
		}
		if (!this.limits.readTimeout().isZero()) {
			limited = limited.requestTimeout(this.limits.readTimeout());
		}
		return limited;
	}

	private void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remote) {
		if (!(channel.parent() instanceof ServerChannel)) {
			return; // an HTTP/2 stream, not a connection
		}
		int count = this.open.incrementAndGet();
		channel.closeFuture().addListener((future) -> this.open.decrementAndGet());
		int cap = this.limits.maxConnections();
		if (cap > 0 && count > cap) {
			refuse(channel, cap);
			return;
		}
		this.atCap.set(false);
		if (!this.limits.readHeaderTimeout().isZero()) {
			RequestHeadDeadline.install(channel.pipeline(), this.limits.readHeaderTimeout());
		}
	}

	private void refuse(Channel channel, int cap) {
		if (this.atCap.compareAndSet(false, true)) {
			logger.warn(cap + " connections are open (" + this.capKey + "); new ones are closed until some end.");
		}
		if (channel.pipeline().get("reactor.left.sslHandler") != null) {
			channel.close();
			return;
		}
		// In front of the HTTP codec, which has no request to answer and sees nothing of
		// this connection.
		channel.pipeline()
			.addFirst(ClosingAnswer.NAME, new ClosingAnswer(RawAnswer.of(503, "Service Unavailable",
					"Too many connections (" + this.capKey + "=" + cap + "); try again later."), true));
	}

}
