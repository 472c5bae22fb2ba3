package dev.moonlight.reload;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * In a reload's new process: starts every {@link Runner} before the HTTP listeners bind.
 * The kernel hands the new process connections as soon as it listens on the shared port,
 * while the old one serves on, so there is no reason to listen before the process is
 * fully up. Spring's lifecycle processor then finds them running at their own phase and
 * leaves them; they still stop at that phase, before the drain's wait.
 */
final class SuccessorRunnersFirst implements SmartLifecycle {

	/** Before the side listeners and the web server bind. */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 2;

	private static final Logger logger = LoggerFactory.getLogger(SuccessorRunnersFirst.class);

	private final ObjectProvider<Runner> runners;

	private volatile boolean running;

	SuccessorRunnersFirst(ObjectProvider<Runner> runners) {
		this.runners = runners;
	}

	@Override
	public void start() {
		List<Runner> started = runners.orderedStream()
			.filter((runner) -> runner.isAutoStartup() && !runner.isRunning())
			.toList();
		started.forEach(Runner::start);
		running = true;
		logger.info("Reload: {} runner(s) started before this process listens", started.size());
	}

	@Override
	public void stop() {
		// The runners stop at their own phase.
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
