package dev.moonlight.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.moonlight.dispatch.Caller;
import tools.jackson.databind.node.ObjectNode;

/**
 * One queued call of an action and what became of it.
 *
 * @param id the job id clients get ({@code job_id})
 * @param pipeline where it is queued
 * @param version the API version whose switch resolves the action
 * @param service the service alias
 * @param action the action name
 * @param payload the parameters, as a request body without {@code service} and
 * {@code action}
 * @param status where it is
 * @param priority lower runs first
 * @param attempts runs started so far (by a worker: a claim alone does not count)
 * @param maxAttempts runs before it is failed
 * @param createdBy the id of the caller who queued it, {@code null} for an anonymous one
 * @param runAs the caller the action runs as
 * @param lastError why the last run failed, or {@code null}
 * @param createdAt when it was queued
 * @param availableAt the earliest time it may (next) run
 * @param startedAt when its last run started, or {@code null} (also while a consumer
 * holds it unstarted)
 * @param finishedAt when it became done or failed, or {@code null}
 */
public record Job(String id, String pipeline, String version, String service, String action, ObjectNode payload,
		JobStatus status, int priority, int attempts, int maxAttempts, String createdBy, Caller runAs, String lastError,
		Instant createdAt, Instant availableAt, Instant startedAt, Instant finishedAt) {

	/** {@code service.action}, for logs and listings. */
	public String label() {
		return service + "." + action;
	}

	/**
	 * The same job claimed by a consumer: running as far as the queue knows, not started
	 * yet, so no attempt more (a claim may wait in a consumer's buffer, and a consumer
	 * that dies there has not run it).
	 */
	Job claimed() {
		return new Job(id, pipeline, version, service, action, payload, JobStatus.RUNNING, priority, attempts,
				maxAttempts, createdBy, runAs, lastError, createdAt, availableAt, null, null);
	}

	/** The claimed job as a worker starts it at {@code now}: one more attempt. */
	Job started(Instant now) {
		return new Job(id, pipeline, version, service, action, payload, JobStatus.RUNNING, priority, attempts + 1,
				maxAttempts, createdBy, runAs, lastError, createdAt, availableAt, now, null);
	}

	/**
	 * The same job after a run: {@code status}, the error (kept from before when
	 * {@code null}), the next start.
	 */
	Job settled(JobStatus next, String error, Instant nextAvailable, Instant now) {
		boolean finished = next == JobStatus.DONE || next == JobStatus.FAILED;
		return new Job(id, pipeline, version, service, action, payload, next, priority, attempts, maxAttempts,
				createdBy, runAs, (error != null) ? error : lastError, createdAt, nextAvailable, startedAt,
				finished ? now : null);
	}

	/**
	 * The same claimed job handed back: queued, and when it had started (a shutdown gave
	 * up waiting for it), that attempt not counted.
	 */
	Job released() {
		return new Job(id, pipeline, version, service, action, payload, JobStatus.QUEUED, priority,
				(startedAt != null) ? attempts - 1 : attempts, maxAttempts, createdBy, runAs, lastError, createdAt,
				availableAt, startedAt, null);
	}

	/** The same failed job queued again with a fresh set of attempts. */
	Job requeued(Instant now) {
		return new Job(id, pipeline, version, service, action, payload, JobStatus.QUEUED, priority, 0, maxAttempts,
				createdBy, runAs, lastError, createdAt, now, startedAt, null);
	}

	/**
	 * What {@code jobs.status} and the {@code jobs:*} commands show: everything but the
	 * payload and caller.
	 */
	public Map<String, Object> describe() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("job_id", id);
		view.put("status", status.wire());
		view.put("pipeline", pipeline);
		view.put("service", service);
		view.put("action", action);
		view.put("attempts", attempts);
		view.put("max_attempts", maxAttempts);
		view.put("priority", priority);
		view.put("last_error", lastError);
		view.put("created_at", text(createdAt));
		view.put("available_at", text(availableAt));
		view.put("started_at", text(startedAt));
		view.put("finished_at", text(finishedAt));
		return view;
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
