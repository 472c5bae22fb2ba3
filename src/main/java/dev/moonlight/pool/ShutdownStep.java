package dev.moonlight.pool;

import org.springframework.context.SmartLifecycle;

/**
 * One step of a pool's shutdown, run when the application's shutdown reaches
 * {@code phase}.
 */
final class ShutdownStep implements SmartLifecycle {

	private final int phase;

	private final Runnable step;

	private volatile boolean running;

	ShutdownStep(int phase, Runnable step) {
		this.phase = phase;
		this.step = step;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.step.run();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
