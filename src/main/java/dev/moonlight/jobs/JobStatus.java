package dev.moonlight.jobs;

import java.util.Locale;

/**
 * Where a job is in its life: waiting (perhaps for a retry), being worked, finished, or
 * given up on.
 */
public enum JobStatus {

	/**
	 * Waiting for a consumer; a job that will be retried is queued again with a later
	 * start.
	 */
	QUEUED,

	/** Claimed by a consumer that is running it. */
	RUNNING,

	/** Its action answered; a job is never run again once done. */
	DONE,

	/**
	 * Every attempt failed, or its call was refused (a 4xx); {@code jobs:retry} queues it
	 * again.
	 */
	FAILED;

	/**
	 * The name on the wire and in the jobs table: {@code queued}, {@code running},
	 * {@code done}, {@code failed}.
	 */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status by its wire name. */
	public static JobStatus of(String wire) {
		return valueOf(wire.toUpperCase(Locale.ROOT));
	}

}
