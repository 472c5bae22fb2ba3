package dev.moonlight.pipeline;

import java.util.Map;

import dev.moonlight.dispatch.Envelope;

/**
 * What goes back to the client: a status, an envelope and any headers that belong to the
 * outcome.
 */
public record Reply(int status, Envelope envelope, Map<String, String> headers) {

	/** The envelope's own status ({@code httpStatus}), or 200. */
	public static Reply of(Envelope envelope) {
		int status = (envelope.httpStatus() != 0) ? envelope.httpStatus() : 200;
		return new Reply(status, envelope, Map.of());
	}

}
