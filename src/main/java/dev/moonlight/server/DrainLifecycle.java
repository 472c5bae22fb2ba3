package dev.moonlight.server;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The HTTP drain in the application's shutdown, as two steps. {@link Begin} stops in the
 * phase right after readiness turns 503 (and waits {@code status.unready_delay} there):
 * the listeners close and the drain starts on a thread of its own, so the TCP servers,
 * WebSocket sockets and job consumers (the same phase) drain beside it. {@link Finish}
 * stops in the phase right before Boot's graceful shutdown and waits for the drain to
 * end; Boot's graceful shutdown then finds both listeners closed and has nothing left to
 * do. The worker pools close after it, and the database pool (a bean, destroyed after
 * every phase) last.
 */
final class DrainLifecycle {

	private DrainLifecycle() {
	}

	/** Closes the listeners and starts the drain at the first moment of shutdown. */
	static final class Begin implements SmartLifecycle {

		private final ConnectionDrain drain;

		private volatile boolean running;

		Begin(ConnectionDrain drain) {
			this.drain = drain;
		}

		@Override
		public void start() {
			this.drain.reset();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.drain.start();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			// Below readiness (Integer.MAX_VALUE), which stops first: /ready fails
			// before any listener closes.
			return Integer.MAX_VALUE - 1;
		}

	}

	/**
	 * Waits for the drain before Boot's graceful shutdown, and before the worker pools
	 * close.
	 */
	static final class Finish implements SmartLifecycle {

		static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;

		private final ConnectionDrain drain;

		private volatile boolean running;

		Finish(ConnectionDrain drain) {
			this.drain = drain;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			try {
				this.drain.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return PHASE;
		}

	}

}
