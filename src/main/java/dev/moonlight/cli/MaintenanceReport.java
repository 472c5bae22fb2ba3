package dev.moonlight.cli;

import java.io.PrintWriter;

/**
 * Pionia's sentences for {@code maintenance:on} / {@code maintenance:off}, and what
 * clients are told now: the message, {@code Retry-After}, and how to get past the gate.
 */
final class MaintenanceReport {

	static final String ON = "Application is now in maintenance mode.";

	static final String LIVE = "Application is live again.";

	static final String NOT_ON = "Application is not in maintenance mode.";

	private MaintenanceReport() {
	}

	/**
	 * @param message what clients are told
	 * @param retryAfter the {@code Retry-After} seconds, or a negative number for none
	 * @param bypassSet whether a bypass token is configured
	 * @param bypassGiven the token typed on this command line (shown back to its author),
	 * or {@code null}
	 */
	static void on(PrintWriter out, String message, long retryAfter, boolean bypassSet, String bypassGiven) {
		out.println(ON);
		out.println("Message: " + message);
		if (retryAfter >= 0) {
			out.println("Retry-After: " + retryAfter + " seconds");
		}
		if (!bypassSet) {
			out.println("Every request but /health, /ready and /metrics gets 503; to let yourself in, add "
					+ "--bypass=TOKEN.");
			return;
		}
		String token = (bypassGiven != null) ? bypassGiven : "<your [maintenance] BYPASS token>";
		out.println("Bypass: add ?bypass=" + token + " to a URL, or send the header X-Maintenance-Bypass: " + token);
	}

}
