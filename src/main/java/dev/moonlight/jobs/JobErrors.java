package dev.moonlight.jobs;

import dev.moonlight.dispatch.MoonlightException;

/**
 * How a failed run is written into {@code last_error}, and which failures are worth a
 * retry. A refused call (4xx: an unknown action, invalid parameters, a missing
 * permission) would be refused again, so it fails at once; a timeout, a busy pool or an
 * unexpected exception may pass next time.
 */
final class JobErrors {

	/**
	 * The start of an unexpected exception's text; {@code jobs.status} hides the rest
	 * from a job's creator.
	 */
	static final String UNEXPECTED = "Unexpected ";

	/** What the creator of a job sees instead of an unexpected exception's text. */
	static final String HIDDEN = "An unexpected error occurred.";

	private static final int MAX_LENGTH = 2000;

	private JobErrors() {
	}

	static String describe(Throwable failure) {
		String text = (failure instanceof MoonlightException refused) ? refused.status() + " " + refused.getMessage()
				: UNEXPECTED + failure.getClass().getName() + ": " + failure.getMessage();
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH) : text;
	}

	static boolean retryable(Throwable failure) {
		if (failure instanceof MoonlightException refused) {
			int status = refused.status();
			return status < 400 || status >= 500 || status == 408 || status == 429;
		}
		return true;
	}

	/**
	 * The error as a job's creator may read it: the client-facing message of a refused
	 * call, never internals.
	 */
	static String forCreator(String error) {
		return (error != null && error.startsWith(UNEXPECTED)) ? HIDDEN : error;
	}

}
