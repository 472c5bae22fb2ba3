package dev.moonlight.reload;

import org.springframework.context.ApplicationEvent;

/**
 * A reload's new process serves, and this one starts to drain: what only one process may
 * do from now on (answer the admin commands) moves to the new one at once, not when the
 * drain ends.
 */
public final class ReloadHandedOver extends ApplicationEvent {

	private final long successorPid;

	ReloadHandedOver(Reloader source, long successorPid) {
		super(source);
		this.successorPid = successorPid;
	}

	/** The new process's pid. */
	public long successorPid() {
		return successorPid;
	}

}
