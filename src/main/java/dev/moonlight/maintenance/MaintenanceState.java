package dev.moonlight.maintenance;

import java.util.Map;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.security.SharedSecrets;

/**
 * Whether the application is in maintenance, and what clients are told. {@link #admits}
 * and {@link #refusal} are the one maintenance decision and answer of every transport
 * (HTTP, WebSocket frames, TCP lines).
 *
 * @param enabled whether the gate answers 503
 * @param message the envelope message and the HTML page's text
 * @param retryAfterSeconds the {@code Retry-After} header, or {@code -1} for none
 * @param bypassDigest the SHA-256 ({@link SharedSecrets#digestHex}) of the token that
 * lets a request through, or {@code null} when nothing bypasses: the token itself is kept
 * nowhere, so a shared table or file never holds it
 */
public record MaintenanceState(boolean enabled, String message, long retryAfterSeconds, String bypassDigest) {

	/** Pionia's message when none is configured. */
	public static final String DEFAULT_MESSAGE = "The application is undergoing scheduled maintenance. Please try again shortly.";

	/** Serving normally. */
	public static final MaintenanceState OFF = new MaintenanceState(false, DEFAULT_MESSAGE, -1, null);

	/**
	 * Whether a call is served now: maintenance is off, or the call offers the bypass
	 * token (compared in a time that depends on neither the token's content nor its
	 * length).
	 * @param offeredBypass the token the call carries, or {@code null}
	 */
	public boolean admits(String offeredBypass) {
		if (!enabled) {
			return true;
		}
		return hasBypass() && SharedSecrets.matchesDigest(bypassDigest, offeredBypass);
	}

	/**
	 * The 503 envelope of a call {@link #admits} refuses. Over HTTP the wait is the
	 * {@code Retry-After} header; a transport without headers passes
	 * {@code withRetryAfter} to carry it as {@code extraData.retry_after}.
	 */
	public Envelope refusal(boolean withRetryAfter) {
		Object extra = (withRetryAfter && retryAfterSeconds >= 0) ? Map.of("retry_after", retryAfterSeconds) : null;
		return new Envelope(503, message, null, extra, 503);
	}

	/**
	 * The digest kept of a bypass token.
	 * @param token the token, or {@code null} or empty for none
	 * @return its digest, or {@code null} for none
	 */
	public static String digestOf(String token) {
		return (token == null || token.isEmpty()) ? null : SharedSecrets.digestHex(token);
	}

	/** Whether a bypass token is set (the token itself is never shown). */
	public boolean hasBypass() {
		return bypassDigest != null && !bypassDigest.isEmpty();
	}

	/** Never prints the bypass token. */
	@Override
	public String toString() {
		return "MaintenanceState[enabled=" + enabled + ", message=" + message + ", retryAfterSeconds="
				+ retryAfterSeconds + ", bypass=" + hasBypass() + "]";
	}

}
