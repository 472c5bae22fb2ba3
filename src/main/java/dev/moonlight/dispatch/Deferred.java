package dev.moonlight.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Work one call leaves for later: {@link #defer} tasks run in the order they were added,
 * after the response has been written (an HTTP call) or after the call has finished (a
 * job, or any caller that writes no response), on the same worker pool as the call. A
 * failing task is logged with the call's request id and never reaches the client.
 */
public final class Deferred {

	private final boolean heldForResponse;

	/** The caller left: no response will be written to release the tasks. */
	private boolean abandoned;

	/** A blocking action has returned. */
	private boolean finished;

	private List<Runnable> tasks;

	private Deferred(boolean heldForResponse) {
		this.heldForResponse = heldForResponse;
	}

	/** Tasks that the {@link Dispatcher} runs as soon as the call has finished. */
	public static Deferred afterCall() {
		return new Deferred(false);
	}

	/**
	 * Tasks that the caller releases with {@link Dispatcher#afterResponse} once its
	 * response is written.
	 */
	public static Deferred afterResponse() {
		return new Deferred(true);
	}

	/**
	 * Adds a task to run after the response; it must not assume the request's thread or
	 * its state.
	 */
	public synchronized void defer(Runnable task) {
		if (tasks == null) {
			tasks = new ArrayList<>(2);
		}
		tasks.add(task);
	}

	boolean heldForResponse() {
		return heldForResponse;
	}

	/**
	 * The caller left before its response.
	 * @return whether the action has returned already, so the tasks are released now
	 */
	synchronized boolean abandon() {
		this.abandoned = true;
		return this.finished;
	}

	/**
	 * A blocking action has returned.
	 * @return whether its caller left before, so the tasks are released now
	 */
	synchronized boolean finish() {
		this.finished = true;
		return this.abandoned;
	}

	/** The tasks added so far, removed, so each runs once whoever releases them. */
	synchronized List<Runnable> drain() {
		List<Runnable> drained = (tasks != null) ? tasks : List.of();
		tasks = null;
		return drained;
	}

}
