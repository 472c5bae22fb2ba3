package dev.moonlight.config;

/**
 * Something worth telling the user once at boot that does not stop it, such as a
 * RoadRunner key that a thread pool cannot honour.
 *
 * @param origin the value the notice is about
 * @param message the notice, a full sentence without the location
 * @param warning {@code true} when the user probably expects an effect that will not
 * happen
 */
public record ConfigNotice(Origin origin, String message, boolean warning) {

	/**
	 * The notice with its location, as logged:
	 * {@code .rr.yaml:14: http.pool.max_jobs ...}.
	 */
	@Override
	public String toString() {
		return this.origin.location() + ": " + this.message;
	}

}
