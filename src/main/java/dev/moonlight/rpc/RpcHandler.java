package dev.moonlight.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one request line into one answer line: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error":"..."}}.
 * Every failure becomes an answer, so a bad line costs its sender one error and never the connection or the server.
 */
final class RpcHandler {

	private static final Logger logger = LoggerFactory.getLogger(RpcHandler.class);

	private final AdminMethods methods;

	private final byte[] tokenDigest;

	private final JsonMapper json;

	RpcHandler(AdminMethods methods, String token, JsonMapper json) {
		this.methods = methods;
		this.tokenDigest = (token != null) ? digest(token) : null;
		this.json = json;
	}

	Mono<RpcAnswer> answer(String line) {
		RpcRequest request;
		try {
			request = RpcRequest.parse(line, json);
		}
		catch (RpcException ex) {
			return Mono.just(new RpcAnswer(error(null, ex.getMessage())));
		}
		if (!authorized(request.token())) {
			logger.warn("Admin RPC: refused {} without a valid token", request.method());
			return Mono.just(new RpcAnswer(error(request.id(),
					"Unauthorized: this server needs its token ([rpc] TOKEN in settings.ini or RPC_TOKEN).")));
		}
		return methods.call(request)
			.map((outcome) -> new RpcAnswer(ok(request.id(), outcome.result()), outcome.afterSent()))
			.onErrorResume((ex) -> Mono.just(new RpcAnswer(error(request.id(), message(request, ex)))));
	}

	/** The answer to a line longer than the limit, which the frame decoder has already thrown away. */
	String tooLong(int limit) {
		return error(null, "Malformed request: a line may be at most " + limit + " bytes.");
	}

	private boolean authorized(String offered) {
		if (tokenDigest == null) {
			return true;
		}
		// Comparing digests keeps the time independent of both the content and the length of the offered token.
		return offered != null && MessageDigest.isEqual(tokenDigest, digest(offered));
	}

	private static String message(RpcRequest request, Throwable ex) {
		if (ex instanceof RpcException) {
			return ex.getMessage();
		}
		logger.warn("Admin RPC: {} failed", request.method(), ex);
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

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
