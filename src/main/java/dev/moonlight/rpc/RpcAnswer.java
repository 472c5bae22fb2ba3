package dev.moonlight.rpc;

/**
 * One answer line and what to do once it is written ({@code stop} closes the application only after its client has
 * the answer).
 *
 * @param line the JSON answer, without the newline
 * @param afterSent runs after the line was written
 */
record RpcAnswer(String line, Runnable afterSent) {

	static final Runnable NOTHING = () -> {
	};

	RpcAnswer(String line) {
		this(line, NOTHING);
	}

}
