package dev.moonlight.testapp;

import java.util.Map;
import java.util.Set;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.security.AuthenticationBackend;
import dev.moonlight.security.AuthenticationRequest;
import reactor.core.publisher.Mono;

/**
 * A second authentication backend for the chain's tests: {@code X-Api-Key: reports-key}
 * is the reports robot.
 */
public final class ApiKeyBackend implements AuthenticationBackend {

	@Override
	public Mono<Caller> authenticate(AuthenticationRequest request) {
		String key = request.headers().getFirst("X-Api-Key");
		if ("broken".equals(key)) {
			throw new IllegalStateException("key store unavailable");
		}
		return "reports-key".equals(key)
				? Mono.just(new Caller("robot", "reports robot", Set.of("vault.read"), Map.of())) : Mono.empty();
	}

}
