package dev.moonlight.security;

import dev.moonlight.dispatch.Caller;
import reactor.core.publisher.Mono;

/**
 * Recognises the caller of a request, Pionia's authentication backend. Backends run
 * before dispatch in the order of {@code [app_authentications]} (or bean order); the
 * first that answers a caller wins, and when none does the call is anonymous. A backend
 * never rejects a request: an invalid credential is simply not recognised, and the
 * action's marks decide whether that matters.
 * <p>
 * {@link #authenticate} is called on the event loop: answer at once when the work is
 * CPU-only (as for a JWT), or return a Mono that does its I/O without blocking.
 */
@FunctionalInterface
public interface AuthenticationBackend {

	/**
	 * @param request the request's headers and remote address
	 * @return the caller, or an empty Mono when this backend does not recognise the
	 * request
	 */
	Mono<Caller> authenticate(AuthenticationRequest request);

}
