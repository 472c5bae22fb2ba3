package dev.moonlight.web;

import org.springframework.http.HttpHeaders;

/**
 * Headers a server capability adds to every API answer, such as
 * {@code Strict-Transport-Security} over TLS: the API's route writes its answers itself,
 * so a {@code WebFilter} never sees them.
 */
@FunctionalInterface
public interface AnswerHeaders {

	/**
	 * Adds this capability's headers to an answer about to be written.
	 * @param tls whether the connection is TLS
	 */
	void addTo(HttpHeaders answer, boolean tls);

}
