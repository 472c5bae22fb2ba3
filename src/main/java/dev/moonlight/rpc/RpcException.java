package dev.moonlight.rpc;

/**
 * A request the admin RPC refuses (malformed, unauthorized, unknown method, bad
 * parameter); the message is the answer.
 */
final class RpcException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	RpcException(String message) {
		super(message, null, false, false);
	}

}
