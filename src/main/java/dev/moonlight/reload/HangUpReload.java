package dev.moonlight.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code kill -HUP <pid>} reloads, as it does for nginx, for a server without a terminal
 * (detached, under systemd or a supervisor): the JVM's own meaning of SIGHUP (shut down)
 * gives way while the server runs, and comes back when it stops. A server in a terminal
 * keeps SIGHUP's meaning, so closing the terminal still stops it; SIGTERM and SIGINT stop
 * gracefully either way.
 */
final class HangUpReload implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HangUpReload.class);

	private static final Signal HANG_UP = new Signal("HUP");

	private final Reloader reloader;

	private SignalHandler previous;

	HangUpReload(Reloader reloader) {
		this.reloader = reloader;
	}

	@Override
	public synchronized void start() {
		if (System.console() != null) {
			logger.debug("In a terminal: SIGHUP keeps its meaning (stop); reload with the 'reload' command");
			return;
		}
		try {
			previous = Signal.handle(HANG_UP, (signal) -> reload());
			if (previous == SignalHandler.SIG_IGN) {
				// nohup: the caller asked for SIGHUP to be ignored; honour it.
				Signal.handle(HANG_UP, previous);
				previous = null;
				logger.info("SIGHUP is ignored here (nohup); reload with the 'reload' command");
			}
		}
		catch (IllegalArgumentException ex) {
			// -Xrs, or an operating system without SIGHUP: reload is still there through
			// the command and the RPC.
			logger.info("SIGHUP cannot be handled here ({}); reload with the 'reload' command", ex.getMessage());
		}
	}

	private void reload() {
		try {
			Reloader.Started started = reloader.start();
			logger.info("Reload asked by SIGHUP: pid {} is starting", started.successor());
		}
		catch (ReloadRefusedException ex) {
			logger.warn("Reload asked by SIGHUP refused: {}", ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		if (previous != null) {
			Signal.handle(HANG_UP, previous);
			previous = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return previous != null;
	}

}
