package dev.moonlight.rpc;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line from a client:
 * {@code {"method":"workers","params":{...},"token":"...","id":7}}. Only {@code method}
 * is required; {@code id}, when given, is echoed so a client may send several lines
 * before reading.
 *
 * @param method the method name
 * @param params the parameters, empty when none were sent
 * @param token the token, or {@code null}
 * @param id the client's id for this request, or {@code null}
 */
record RpcRequest(String method, ObjectNode params, String token, JsonNode id) {

	static final String MALFORMED = "Malformed request: send one JSON object a line, like {\"method\":\"status\"}.";

	/**
	 * The line as a JSON object, or {@code null} when it is not one (an HTTP request
	 * line, a header, anything else that is not talking to the RPC).
	 */
	static ObjectNode object(String line, JsonMapper json) {
		try {
			return (json.readTree(line) instanceof ObjectNode object) ? object : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** The token the line carries, or {@code null} when it has none (or not a string). */
	static String token(ObjectNode request) {
		JsonNode token = request.get("token");
		return (token != null && token.isString()) ? token.stringValue() : null;
	}

	/**
	 * @throws RpcException when the line is not a JSON object with a string
	 * {@code method}
	 */
	static RpcRequest parse(String line, JsonMapper json) {
		ObjectNode request = object(line, json);
		if (request == null) {
			throw new RpcException(MALFORMED);
		}
		return parse(request, json);
	}

	/**
	 * @throws RpcException when {@code method} is not a name or {@code params} not an
	 * object
	 */
	static RpcRequest parse(ObjectNode request, JsonMapper json) {
		JsonNode method = request.get("method");
		if (method == null || !method.isString() || method.stringValue().isBlank()) {
			throw new RpcException("Malformed request: \"method\" must name a method, like {\"method\":\"status\"}.");
		}
		JsonNode params = request.get("params");
		if (params != null && !params.isNull() && !params.isObject()) {
			throw new RpcException("Malformed request: \"params\" must be an object.");
		}
		return new RpcRequest(method.stringValue(),
				(params instanceof ObjectNode object) ? object : json.createObjectNode(), token(request),
				request.get("id"));
	}

	/** An optional string parameter. */
	String text(String name) {
		JsonNode value = params.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new RpcException("Parameter " + name + " must be a string.");
		}
		return value.stringValue();
	}

	/** An optional whole number parameter of at least 0. */
	Long wholeNumber(String name) {
		JsonNode value = params.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
			throw new RpcException("Parameter " + name + " must be a whole number of at least 0.");
		}
		return value.longValue();
	}

	/** An optional boolean parameter; absent is false. */
	boolean flag(String name) {
		JsonNode value = params.get(name);
		if (value == null || value.isNull()) {
			return false;
		}
		if (!value.isBoolean()) {
			throw new RpcException("Parameter " + name + " must be true or false.");
		}
		return value.booleanValue();
	}

}
