package dev.moonlight.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * An API answer ready to be written: the status, every header (content type and length
 * included), the serialised envelope ({@code null} for a 204), and the work that starts
 * once it has been written (or the write failed, as when the client left): how deferred
 * work runs only after the client has its answer.
 */
record ApiAnswer(int status, HttpHeaders headers, byte[] body, Runnable afterWrite) {

	private static final Runnable NOTHING = () -> {
	};

	/**
	 * An envelope answer; takes ownership of {@code headers}, adding the JSON content
	 * type and the length.
	 */
	static ApiAnswer envelope(int status, HttpHeaders headers, byte[] body) {
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(body.length);
		return new ApiAnswer(status, headers, body, NOTHING);
	}

	/** A page for a browser; takes ownership of {@code headers}. */
	static ApiAnswer html(int status, HttpHeaders headers, byte[] body) {
		headers.setContentType(MediaType.TEXT_HTML);
		headers.setContentLength(body.length);
		return new ApiAnswer(status, headers, body, NOTHING);
	}

	/** An answer without a body, such as {@code 204} to {@code OPTIONS}. */
	static ApiAnswer empty(int status, HttpHeaders headers) {
		return new ApiAnswer(status, headers, null, NOTHING);
	}

	/**
	 * This answer with {@code first} before its own headers (CORS's, as WebFlux wrote
	 * them); a header of its own with the same name wins, but {@code Vary} lists both.
	 */
	ApiAnswer withFirst(HttpHeaders first) {
		HttpHeaders all = new HttpHeaders();
		all.putAll(first);
		headers.forEach((name, values) -> {
			if (HttpHeaders.VARY.equalsIgnoreCase(name)) {
				all.addAll(name, values);
			}
			else {
				all.put(name, values);
			}
		});
		return new ApiAnswer(status, all, body, afterWrite);
	}

	/** This answer, also varying by {@code name} (its headers are its own). */
	ApiAnswer varyingBy(String name) {
		headers.add(HttpHeaders.VARY, name);
		return this;
	}

	/**
	 * This answer with {@code task} (in place of any other) to run once it has been
	 * written.
	 */
	ApiAnswer withAfterWrite(Runnable task) {
		return new ApiAnswer(status, headers, body, task);
	}

}
