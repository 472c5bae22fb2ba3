package dev.moonlight.maintenance;

/**
 * Whether the application is in maintenance, and what clients are told.
 *
 * @param enabled whether the gate answers 503
 * @param message the envelope message and the HTML page's text
 * @param retryAfterSeconds the {@code Retry-After} header, or {@code -1} for none
 * @param bypassToken the token that lets a request through, or {@code null} when nothing bypasses
 */
public record MaintenanceState(boolean enabled, String message, long retryAfterSeconds, String bypassToken) {

	/** Pionia's message when none is configured. */
	public static final String DEFAULT_MESSAGE = "The application is undergoing scheduled maintenance. Please try again shortly.";

	/** Serving normally. */
	public static final MaintenanceState OFF = new MaintenanceState(false, DEFAULT_MESSAGE, -1, null);

	/** Never prints the bypass token. */
	@Override
	public String toString() {
		return "MaintenanceState[enabled=" + enabled + ", message=" + message + ", retryAfterSeconds="
				+ retryAfterSeconds + ", bypass=" + (bypassToken != null) + "]";
	}

}
