package dev.moonlight.rpc;

/**
 * One answer line and what to do once it is written ({@code stop} closes the application
 * only after its client has the answer; a refused line closes its connection).
 *
 * @param line the JSON answer, without the newline
 * @param afterSent runs after the line was written
 * @param closes whether the connection closes after this line, reading nothing more from
 * it
 */
record RpcAnswer(String line, Runnable afterSent, boolean closes) {

	static final Runnable NOTHING = () -> {
	};

	RpcAnswer(String line) {
		this(line, NOTHING, false);
	}

	/**
	 * The last line of a connection that is not talking to the RPC, or without its token.
	 */
	static RpcAnswer closing(String line) {
		return new RpcAnswer(line, NOTHING, true);
	}

}
