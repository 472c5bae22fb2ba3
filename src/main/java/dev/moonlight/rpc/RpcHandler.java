package dev.moonlight.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.logging.LogFields;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one request line into one answer line: {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error":"..."}}. A line that is not a JSON object (an HTTP request
 * line, a header: someone else's protocol, a browser's no-cors POST) or that lacks the
 * token is answered once and closes the connection, so nothing after it is read. Any
 * other failure (an unknown method, a bad parameter, a method that fails) costs its
 * sender one error line and never the connection or the server.
 */
final class RpcHandler {

	private static final Logger logger = LoggerFactory.getLogger(RpcHandler.class);

	private final AdminMethods methods;

	private final RpcToken token;

	private final JsonMapper json;

	RpcHandler(AdminMethods methods, RpcToken token, JsonMapper json) {
		this.methods = methods;
		this.token = token;
		this.json = json;
	}

	Mono<RpcAnswer> answer(String line) {
		ObjectNode object = RpcRequest.object(line, json);
		if (object == null) {
			logger.warn("Admin RPC: closed a connection that sent a line that is not a JSON object");
			return Mono.just(RpcAnswer.closing(error(null, RpcRequest.MALFORMED + " Closing the connection.")));
		}
		if (!token.matches(RpcRequest.token(object))) {
			logger.warn("Admin RPC: closed a connection that sent a request without a valid token");
			return Mono.just(RpcAnswer.closing(error(object.get("id"),
					"Unauthorized: send this server's token (" + token.source() + "). Closing the connection.")));
		}
		RpcRequest request;
		try {
			request = RpcRequest.parse(object, json);
		}
		catch (RpcException ex) {
			return Mono.just(new RpcAnswer(error(object.get("id"), ex.getMessage())));
		}
		return methods.call(request)
			.map((outcome) -> new RpcAnswer(ok(request.id(), outcome.result()), outcome.afterSent(), false))
			.onErrorResume((ex) -> Mono.just(new RpcAnswer(error(request.id(), message(request, ex)))));
	}

	/** The answer to a line longer than the limit, after which the connection closes. */
	String tooLong(int limit) {
		return error(null, "Malformed request: a line may be at most " + limit + " bytes. Closing the connection.");
	}

	private static String message(RpcRequest request, Throwable ex) {
		if (ex instanceof RpcException) {
			return ex.getMessage();
		}
		logger.warn("Admin RPC: {} failed", LogFields.safe(request.method()), ex);
		return request.method() + " failed: " + ex.getMessage();
	}

	private String ok(JsonNode id, ObjectNode result) {
		ObjectNode answer = json.createObjectNode();
		answer.put("ok", true);
		if (id != null) {
			answer.set("id", id);
		}
		answer.set("result", result);
		return json.writeValueAsString(answer);
	}

	private String error(JsonNode id, String message) {
		ObjectNode answer = json.createObjectNode();
		answer.put("ok", false);
		if (id != null) {
			answer.set("id", id);
		}
		answer.put("error", message);
		return json.writeValueAsString(answer);
	}

}
