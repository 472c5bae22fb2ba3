package dev.moonlight.dispatch;

import java.util.List;

/**
 * RFC 8297's {@code 103 Early Hints}: {@code Link} values (such as
 * {@code </app.js>; rel=preload; as=script}) a client may act on while the final answer
 * is still being made. An action takes it as a parameter and sends before it works; the
 * transport decides whether the client can take them: HTTP/1.1 and HTTP/2 can, HTTP/1.0,
 * WebSocket frames, TCP lines and jobs cannot, and then nothing is sent.
 */
@FunctionalInterface
public interface EarlyHints {

	/**
	 * For calls whose transport has no interim answers; it checks the values all the
	 * same, so a bad one fails in every test, not only over HTTP.
	 */
	EarlyHints NONE = (links) -> {
		links.forEach(EarlyHints::checked);
		return false;
	};

	/**
	 * Sends one {@code 103} with a {@code Link} header per value, before the answer.
	 * @param links the {@code Link} values; each must be one line of visible ASCII
	 * @return whether the hints were sent, or queued to be sent before the answer (not
	 * when the transport cannot carry them, or the answer has begun)
	 * @throws IllegalArgumentException for a value that could not be a header value
	 */
	boolean send(List<String> links);

	/** Checks a {@code Link} value, for the transports that write it. */
	static String checked(String link) {
		if (link == null || link.isBlank()) {
			throw new IllegalArgumentException("An early hint's Link value must not be empty");
		}
		for (int i = 0; i < link.length(); i++) {
			char c = link.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw new IllegalArgumentException(
						"An early hint's Link value must be visible ASCII on one line: " + link.strip());
			}
		}
		return link;
	}

}
