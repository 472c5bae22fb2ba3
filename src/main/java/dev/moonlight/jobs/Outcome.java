package dev.moonlight.jobs;

import java.time.Instant;

/**
 * What one run of a job decided: done, run again at {@code retryAt}, or failed for good.
 *
 * @param status {@link JobStatus#DONE}, {@link JobStatus#QUEUED} (a retry) or
 * {@link JobStatus#FAILED}
 * @param error why the run failed, or {@code null}
 * @param retryAt when a retry may start, or {@code null}
 */
record Outcome(JobStatus status, String error, Instant retryAt) {

	static final Outcome DONE = new Outcome(JobStatus.DONE, null, null);

	static Outcome retry(String error, Instant at) {
		return new Outcome(JobStatus.QUEUED, error, at);
	}

	static Outcome failed(String error) {
		return new Outcome(JobStatus.FAILED, error, null);
	}

	/** Applies this outcome to the job that ran. */
	Job applyTo(Job job, Instant now) {
		return job.settled(status, error, (retryAt != null) ? retryAt : job.availableAt(), now);
	}

}
