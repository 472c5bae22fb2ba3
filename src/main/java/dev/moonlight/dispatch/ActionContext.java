package dev.moonlight.dispatch;

import tools.jackson.databind.node.ObjectNode;

/**
 * Everything about one call of an action: where it was addressed, who made it, its
 * request id, its raw parameters (the body without {@code service} and {@code action}),
 * its files, the work it defers, how it may send early hints, and its idempotency key
 * ({@code null} for a call without one; see {@link IdempotencyKeys}).
 */
public record ActionContext(String version, String service, String action, String requestId, Caller caller,
		ObjectNode params, UploadedFiles files, Deferred deferred, EarlyHints hints, String idempotencyKey) {

	public ActionContext {
		hints = (hints != null) ? hints : EarlyHints.NONE;
	}

	/** A call without an idempotency key. */
	public ActionContext(String version, String service, String action, String requestId, Caller caller,
			ObjectNode params, UploadedFiles files, Deferred deferred, EarlyHints hints) {
		this(version, service, action, requestId, caller, params, files, deferred, hints, null);
	}

	/** A call whose transport sends no early hints. */
	public ActionContext(String version, String service, String action, String requestId, Caller caller,
			ObjectNode params, UploadedFiles files, Deferred deferred) {
		this(version, service, action, requestId, caller, params, files, deferred, EarlyHints.NONE);
	}

	/**
	 * A call whose deferred work runs as soon as the call has finished (no response to
	 * wait for).
	 */
	public ActionContext(String version, String service, String action, String requestId, Caller caller,
			ObjectNode params, UploadedFiles files) {
		this(version, service, action, requestId, caller, params, files, Deferred.afterCall());
	}

	/**
	 * The same call made by {@code who}, once authentication has recognised the caller.
	 */
	public ActionContext by(Caller who) {
		return new ActionContext(version, service, action, requestId, who, params, files, deferred, hints,
				idempotencyKey);
	}

	/**
	 * The same call with an idempotency key (checked by {@link IdempotencyKeys#check}).
	 */
	public ActionContext keyed(String key) {
		return new ActionContext(version, service, action, requestId, caller, params, files, deferred, hints, key);
	}

}
