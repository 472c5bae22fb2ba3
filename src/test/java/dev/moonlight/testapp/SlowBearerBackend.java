package dev.moonlight.testapp;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.security.AuthenticationBackend;
import dev.moonlight.security.AuthenticationRequest;
import reactor.core.publisher.Mono;

/**
 * An authentication backend that answers later, as one asking a remote service would:
 * {@code Bearer slow-<id>} is caller {@code <id>} with {@code vault.read}, after
 * {@value #DELAY_MILLIS} ms on another thread.
 */
public final class SlowBearerBackend implements AuthenticationBackend {

	static final long DELAY_MILLIS = 100;

	@Override
	public Mono<Caller> authenticate(AuthenticationRequest request) {
		String token = request.bearerToken();
		if (token == null || !token.startsWith("slow-")) {
			return Mono.empty();
		}
		String id = token.substring("slow-".length());
		return Mono.delay(Duration.ofMillis(DELAY_MILLIS))
			.map((tick) -> new Caller(id, "slow " + id, Set.of("vault.read"), Map.of()));
	}

}
