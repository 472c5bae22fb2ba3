package dev.moonlight.middleware;

import org.springframework.http.HttpHeaders;

import dev.moonlight.dispatch.Envelope;

/**
 * The answer to one API call before it is written: response middleware may add headers or
 * replace the envelope. The status stays what the outcome decided.
 */
public final class ApiResponse {

	private final int status;

	private final HttpHeaders headers;

	private Envelope envelope;

	public ApiResponse(int status, Envelope envelope, HttpHeaders headers) {
		this.status = status;
		this.envelope = envelope;
		this.headers = headers;
	}

	public int status() {
		return status;
	}

	/**
	 * The envelope to be written, or {@code null} for an answer without a body (a CORS
	 * preflight).
	 */
	public Envelope envelope() {
		return envelope;
	}

	/** Replaces the envelope to be written. */
	public void envelope(Envelope replacement) {
		this.envelope = replacement;
	}

	/** The response headers, writable. */
	public HttpHeaders headers() {
		return headers;
	}

}
