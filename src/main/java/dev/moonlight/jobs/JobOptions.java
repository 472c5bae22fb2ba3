package dev.moonlight.jobs;

import java.time.Duration;

import dev.moonlight.dispatch.Caller;

/**
 * How to queue one job; every field may be left {@code null} for its default.
 *
 * @param pipeline the pipeline; default {@code [jobs] PIPELINE}
 * @param delay how long to wait before the first run; default none
 * @param priority lower runs first; default the pipeline's ({@code config.priority}, 10)
 * @param maxAttempts runs before the job is {@code failed}; default
 * {@code [jobs] MAX_ATTEMPTS}
 * @param runAs the caller the action runs as; default the caller who queued the job
 * @param version the API version whose switch resolves the action; default the version of
 * the call that queued it
 */
public record JobOptions(String pipeline, Duration delay, Integer priority, Integer maxAttempts, Caller runAs,
		String version) {

	private static final JobOptions DEFAULTS = new JobOptions(null, null, null, null, null, null);

	/** Every default. */
	public static JobOptions defaults() {
		return DEFAULTS;
	}

	public JobOptions onPipeline(String name) {
		return new JobOptions(name, delay, priority, maxAttempts, runAs, version);
	}

	public JobOptions delayedBy(Duration wait) {
		return new JobOptions(pipeline, wait, priority, maxAttempts, runAs, version);
	}

	public JobOptions withPriority(int value) {
		return new JobOptions(pipeline, delay, value, maxAttempts, runAs, version);
	}

	public JobOptions withMaxAttempts(int value) {
		return new JobOptions(pipeline, delay, priority, value, runAs, version);
	}

	/**
	 * Runs the action as {@code caller} (such as an application's own system caller with
	 * the permissions it needs).
	 */
	public JobOptions as(Caller caller) {
		return new JobOptions(pipeline, delay, priority, maxAttempts, caller, version);
	}

	public JobOptions onVersion(String apiVersion) {
		return new JobOptions(pipeline, delay, priority, maxAttempts, runAs, apiVersion);
	}

}
