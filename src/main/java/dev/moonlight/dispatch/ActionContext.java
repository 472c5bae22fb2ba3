package dev.moonlight.dispatch;

import tools.jackson.databind.node.ObjectNode;

/**
 * Everything about one call of an action: where it was addressed, who made it, its request id, its raw
 * parameters (the body without {@code service} and {@code action}) and its files.
 */
public record ActionContext(String version, String service, String action, String requestId, Caller caller,
		ObjectNode params, UploadedFiles files) {

	/** The same call made by {@code who}, once authentication has recognised the caller. */
	public ActionContext by(Caller who) {
		return new ActionContext(version, service, action, requestId, who, params, files);
	}

}
