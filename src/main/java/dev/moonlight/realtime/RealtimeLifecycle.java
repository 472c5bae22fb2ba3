package dev.moonlight.realtime;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.reload.Runner;

/**
 * Closes every socket with 1001 "Server shutting down" when the application stops, before
 * the web server drains: a WebSocket never finishes by itself, so graceful shutdown would
 * otherwise wait for it until its timeout. A socket with calls under way closes once they
 * are answered (frames arriving meanwhile are refused with 503); one still busy after
 * {@link #DRAIN} is left to the web server's drain, which waits for it within
 * destroy_timeout.
 */
final class RealtimeLifecycle implements Runner {

	private static final Logger logger = LoggerFactory.getLogger(RealtimeLifecycle.class);

	private static final Duration DRAIN = Duration.ofSeconds(2);

	private final ChannelHub hub;

	private volatile boolean running;

	RealtimeLifecycle(ChannelHub hub) {
		this.hub = hub;
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		List<RealtimeSocket> open = hub.sockets();
		if (open.isEmpty()) {
			return;
		}
		logger.info("realtime: closing {} open socket(s)", open.size());
		open.forEach(RealtimeSocket::drain);
		long deadline = System.nanoTime() + DRAIN.toNanos();
		while (!hub.sockets().isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops right after readiness turns 503 (the first phase), so a balancer hears of it
	 * before this drain's wait.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

}
