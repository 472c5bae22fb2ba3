package dev.moonlight.reload;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * In a reload's new process: once it accepts traffic (the boot has ended, its listeners
 * are bound), says so in the {@link HandOverFile}, and the old process begins to drain.
 */
final class SuccessorReadiness implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

	private static final Logger logger = LoggerFactory.getLogger(SuccessorReadiness.class);

	private final HandOverFile file;

	private final AtomicBoolean said = new AtomicBoolean();

	SuccessorReadiness(HandOverFile file) {
		this.file = file;
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || !said.compareAndSet(false, true)) {
			return;
		}
		try {
			file.ready(ProcessHandle.current().pid());
			logger.info("Reload: this process serves; the old one drains");
		}
		catch (IOException ex) {
			// The old process then stops this one at its start timeout and keeps serving:
			// nothing is lost.
			logger.error("Reload: cannot tell the old process that this one serves ({}): {}", file.path(),
					ex.getMessage());
		}
	}

}
