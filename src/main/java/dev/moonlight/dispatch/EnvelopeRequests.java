package dev.moonlight.dispatch;

import java.io.IOException;
import java.io.InputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the body of an envelope request into the call it addresses, the same way for
 * every transport (HTTP, WebSocket frames, TCP lines): {@code service} and {@code action}
 * (or their all-uppercase legacy forms) are taken out of the parameters, and a missing
 * one is Pionia's 404; so is the idempotency key ({@link IdempotencyKeys#FIELD}).
 */
public final class EnvelopeRequests {

	/** Pionia's message when the body names no service. */
	public static final String NO_SERVICE = "Service not defined in request data";

	/** Pionia's message when the body names no action. */
	public static final String NO_ACTION = "Action not defined in request data";

	private EnvelopeRequests() {
	}

	/**
	 * @param version the API version the call is addressed to
	 * @param params the request body; {@code service} and {@code action} are removed from
	 * it
	 * @param pathService the service named by the path, which wins over the body, or
	 * {@code null}
	 * @param pathAction the action named by the path, or {@code null}
	 * @param requestId the call's request id
	 * @param files the uploaded files
	 * @return the call, by an anonymous caller until authentication says otherwise
	 * @throws NotFoundException when neither the path nor the body names a service or an
	 * action
	 */
	public static ActionContext context(String version, ObjectNode params, String pathService, String pathAction,
			String requestId, UploadedFiles files) {
		return context(version, params, pathService, pathAction, requestId, files, null);
	}

	/**
	 * The same, with the call's deferred work held until its answer is written.
	 * @param deferred the call's deferred work, or {@code null} to run it as soon as the
	 * call finishes
	 */
	public static ActionContext context(String version, ObjectNode params, String pathService, String pathAction,
			String requestId, UploadedFiles files, Deferred deferred) {
		return context(version, params, pathService, pathAction, requestId, files, deferred, EarlyHints.NONE);
	}

	/**
	 * The call an HTTP request addresses, which may send early hints.
	 * @param hints how the call's action sends early hints
	 */
	public static ActionContext context(String version, ObjectNode params, String pathService, String pathAction,
			String requestId, UploadedFiles files, Deferred deferred, EarlyHints hints) {
		String service = take(params, "service", "SERVICE", pathService);
		String action = take(params, "action", "ACTION", pathAction);
		if (service == null) {
			throw new NotFoundException(NO_SERVICE);
		}
		if (action == null) {
			throw new NotFoundException(NO_ACTION);
		}
		String key = IdempotencyKeys.take(params);
		return new ActionContext(version, service, action, requestId, Caller.ANONYMOUS, params, files,
				(deferred != null) ? deferred : Deferred.afterCall(), hints, key);
	}

	/**
	 * Reads a JSON object: an HTTP body, a WebSocket frame or a TCP line. Nothing at all
	 * is an empty object (then the missing service is the client's answer).
	 * @param mapper the wire mapper
	 * @param in the bytes
	 * @param what what the bytes are, lowercase with its article, for messages:
	 * {@code "the request body"}
	 * @return the object
	 * @throws BadRequestException for malformed JSON (with line and column) or JSON that
	 * is not an object
	 * @throws MoonlightException 413 for JSON over one of {@link MoonlightJson}'s limits
	 * (depth, values)
	 */
	public static ObjectNode parse(JsonMapper mapper, InputStream in, String what) {
		JsonNode tree;
		try (in) {
			tree = mapper.readTree(in);
		}
		catch (StreamConstraintsException ex) {
			throw new MoonlightException(413,
					capitalised(what) + " is over a JSON limit: " + MoonlightJson.limit(ex) + ".");
		}
		catch (JacksonException ex) {
			throw new BadRequestException("Malformed JSON in " + what + where(ex.getLocation()) + ".");
		}
		catch (IOException ex) {
			throw new BadRequestException(capitalised(what) + " could not be read.");
		}
		if (tree == null || tree.isMissingNode()) {
			return mapper.createObjectNode();
		}
		if (!(tree instanceof ObjectNode object)) {
			throw new BadRequestException(capitalised(what) + " must be a JSON object, not " + describe(tree) + ".");
		}
		return object;
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String where(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

	private static String describe(JsonNode tree) {
		if (tree.isArray()) {
			return "an array";
		}
		if (tree.isString()) {
			return "a string";
		}
		if (tree.isNumber()) {
			return "a number";
		}
		if (tree.isBoolean()) {
			return "a boolean";
		}
		return "null";
	}

	/**
	 * Removes {@code key} (or its all-uppercase legacy form) from the parameters; the
	 * path's name wins.
	 */
	private static String take(ObjectNode params, String key, String legacyKey, String fromPath) {
		JsonNode value = params.remove(key);
		JsonNode legacy = params.remove(legacyKey);
		if (fromPath != null) {
			return fromPath;
		}
		JsonNode chosen = (value != null) ? value : legacy;
		if (chosen == null || !chosen.isString() || chosen.asString().isBlank()) {
			return null;
		}
		return chosen.asString().trim();
	}

}
