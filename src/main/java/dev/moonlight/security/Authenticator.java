package dev.moonlight.security;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

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

	private final List<String> names;

	public Authenticator(List<AuthenticationBackend> backends) {
		this.backends = List.copyOf(backends);
		// One backend alone is named by no one: nobody else can give its ids, and its
		// callers' idempotency keys stay those of versions that named no backend.
		this.names = (this.backends.size() < 2) ? Collections.nCopies(this.backends.size(), null)
				: IntStream.range(0, this.backends.size()).mapToObj((index) -> name(index)).toList();
	}

	/**
	 * A backend's name in its callers: its class, the same in every instance of the
	 * application, so a key stored by one is found by another; a lambda's class name
	 * differs between runs, and two backends may share a class, so such a backend is
	 * named by its place in the chain too.
	 */
	private String name(int index) {
		Class<?> type = ClassUtils.getUserClass(this.backends.get(index));
		if (type.isHidden() || type.isSynthetic()) {
			return "backend #" + (index + 1);
		}
		long sameClass = this.backends.stream().filter((other) -> ClassUtils.getUserClass(other) == type).count();
		return (sameClass > 1) ? type.getName() + " #" + (index + 1) : type.getName();
	}

	public List<AuthenticationBackend> backends() {
		return backends;
	}

	public Mono<Caller> authenticate(AuthenticationRequest request) {
		if (backends.isEmpty()) {
			return ANONYMOUS;
		}
		if (backends.size() == 1) {
			return ask(0, request).defaultIfEmpty(Caller.ANONYMOUS);
		}
		return Flux.range(0, backends.size())
			.concatMap((index) -> ask(index, request))
			.next()
			.defaultIfEmpty(Caller.ANONYMOUS);
	}

	private Mono<Caller> ask(int index, AuthenticationRequest request) {
		AuthenticationBackend backend = backends.get(index);
		String name = names.get(index);
		Mono<Caller> answer;
		try {
			answer = backend.authenticate(request);
		}
		catch (RuntimeException ex) {
			answer = Mono.error(ex);
		}
		return answer.map((caller) -> (caller.authenticated() && name != null) ? caller.withBackend(name) : caller)
			.onErrorResume((ex) -> {
				logger.warn("Authentication backend {} failed; trying the next one", backend.getClass().getName(), ex);
				return Mono.empty();
			});
	}

}
