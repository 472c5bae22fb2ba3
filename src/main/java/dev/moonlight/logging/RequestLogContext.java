package dev.moonlight.logging;

import org.slf4j.MDC;

/**
 * Puts a call's request id into the logging context (SLF4J MDC key {@value #KEY}) of the
 * current thread, so every line logged while the call runs there carries it. Moonlight's
 * log pattern prints it after the thread name. Use with try-with-resources; closing
 * restores what the thread had before.
 */
public final class RequestLogContext implements AutoCloseable {

	/** The MDC key of the request id. */
	public static final String KEY = "requestId";

	/**
	 * The log pattern fragment that prints the id, and nothing for lines logged outside a
	 * call.
	 */
	public static final String PATTERN = "%replace([%X{" + KEY + "}] ){'\\[\\] ', ''}";

	private final String previous;

	private RequestLogContext(String requestId) {
		this.previous = MDC.get(KEY);
		MDC.put(KEY, requestId);
	}

	/**
	 * @param requestId the call's id
	 * @return the open context; close it when the call leaves this thread
	 */
	public static RequestLogContext open(String requestId) {
		return new RequestLogContext(requestId);
	}

	@Override
	public void close() {
		if (previous == null) {
			MDC.remove(KEY);
		}
		else {
			MDC.put(KEY, previous);
		}
	}

}
