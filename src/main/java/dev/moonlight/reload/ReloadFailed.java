package dev.moonlight.reload;

import org.springframework.context.ApplicationEvent;

/**
 * A reload started, and its new process failed (did not serve within the start timeout,
 * exited, or could not be followed): this process serves on, and whatever waited for the
 * hand-over may act again.
 */
public final class ReloadFailed extends ApplicationEvent {

	private final long successorPid;

	ReloadFailed(Reloader source, long successorPid) {
		super(source);
		this.successorPid = successorPid;
	}

	/** The pid of the new process that failed. */
	public long successorPid() {
		return successorPid;
	}

}
