package dev.moonlight.pipeline;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RequestListener} beans (metrics, the access log), told about every answered
 * request, frame and line.
 */
public final class RequestListeners {

	private static final Logger logger = LoggerFactory.getLogger(RequestListeners.class);

	private final List<RequestListener> listeners;

	public RequestListeners(List<RequestListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Whether anybody listens, so a transport can skip timing what nobody hears about.
	 */
	public boolean quiet() {
		return listeners.isEmpty();
	}

	/** Tells every listener; one that fails is logged and the others are still told. */
	public void completed(CompletedRequest completed) {
		for (RequestListener listener : listeners) {
			try {
				listener.completed(completed);
			}
			catch (RuntimeException ex) {
				logger.warn("Request listener {} failed", listener.getClass().getName(), ex);
			}
		}
	}

}
