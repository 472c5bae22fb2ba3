package dev.moonlight.jobs;

import java.util.Map;

import dev.moonlight.dispatch.Envelope;

/**
 * This call's way to make other calls: now ({@link #dispatch}), after its answer
 * ({@link #defer}), or later as jobs ({@link #queue}, {@link #async}), each on behalf of
 * its caller; Pionia's {@code moonlight()}. Declare a parameter of this type on an action
 * to use it. A job runs its action later exactly as a request would (the same lookup,
 * guard and validation), as the caller who queued it unless {@link JobOptions#as} says
 * otherwise. An interface, so that a unit test of an action can hand it a fake.
 */
public interface Calls {

	/**
	 * Runs {@code task} after the response has been written, on a worker; its failure is
	 * logged, never answered.
	 */
	void defer(Runnable task);

	/**
	 * Queues {@code service.action} with {@code payload} (a record, a map or
	 * {@code null}) and answers the job id at once, for an action that answers something
	 * else (as {@code task.assign} answers the task and the id).
	 * @param options pipeline, delay, priority, attempts, caller, version
	 * @throws dev.moonlight.dispatch.NotFoundException when the action does not exist
	 */
	String queue(String service, String action, Object payload, JobOptions options);

	/** {@link #queue(String, String, Object, JobOptions)} with every default. */
	default String queue(String service, String action, Object payload) {
		return queue(service, action, payload, JobOptions.defaults());
	}

	/**
	 * Queues a job and answers Pionia's {@code 202 Accepted} envelope with
	 * {@code {"job_id": "..."}}; return it from the action.
	 */
	default Envelope async(String service, String action, Object payload) {
		return async(service, action, payload, JobOptions.defaults());
	}

	/** {@link #async(String, String, Object)} with options. */
	default Envelope async(String service, String action, Object payload, JobOptions options) {
		String id = queue(service, action, payload, options);
		return Envelope.of(202, "Accepted", Map.of("job_id", id)).withStatus(202);
	}

	/**
	 * Calls {@code service.action} now, on this thread, as this call's caller, and
	 * answers its envelope; its deferred work joins this call's. A refusal or failure is
	 * thrown as the action threw it.
	 */
	Envelope dispatch(String service, String action, Object payload);

}
