package dev.moonlight.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The authentication chain: asks each backend in order and takes the first caller; none
 * is {@link Caller#ANONYMOUS}. A backend that fails is logged and skipped, so one broken
 * backend cannot turn every call into a 500.
 */
public final class Authenticator {

	private static final Logger logger = LoggerFactory.getLogger(Authenticator.class);

	private static final Mono<Caller> ANONYMOUS = Mono.just(Caller.ANONYMOUS);

	private final List<AuthenticationBackend> backends;

	public Authenticator(List<AuthenticationBackend> backends) {
		this.backends = List.copyOf(backends);
	}

	public List<AuthenticationBackend> backends() {
		return backends;
	}

	public Mono<Caller> authenticate(AuthenticationRequest request) {
		if (backends.isEmpty()) {
			return ANONYMOUS;
		}
		if (backends.size() == 1) {
			return ask(backends.get(0), request).defaultIfEmpty(Caller.ANONYMOUS);
		}
		return Flux.fromIterable(backends)
			.concatMap((backend) -> ask(backend, request))
			.next()
			.defaultIfEmpty(Caller.ANONYMOUS);
	}

	private static Mono<Caller> ask(AuthenticationBackend backend, AuthenticationRequest request) {
		Mono<Caller> answer;
		try {
			answer = backend.authenticate(request);
		}
		catch (RuntimeException ex) {
			answer = Mono.error(ex);
		}
		return answer.onErrorResume((ex) -> {
			logger.warn("Authentication backend {} failed; trying the next one", backend.getClass().getName(), ex);
			return Mono.empty();
		});
	}

}
