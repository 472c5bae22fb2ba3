package dev.moonlight.testapp;

import java.util.Map;
import java.util.Set;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.security.AuthenticationBackend;
import dev.moonlight.security.AuthenticationRequest;
import reactor.core.publisher.Mono;

/**
 * For the jobs' wire tests: {@code X-Caller: <id>} is that caller, with the permissions
 * of {@code X-Permissions}; so is a bearer token {@code as:<id>} (a TCP auth line).
 */
public final class HeaderCallerBackend implements AuthenticationBackend {

	@Override
	public Mono<Caller> authenticate(AuthenticationRequest request) {
		String id = request.headers().getFirst("X-Caller");
		String bearer = request.headers().getFirst("Authorization");
		if (id == null && bearer != null && bearer.startsWith("Bearer as:")) {
			id = bearer.substring("Bearer as:".length());
		}
		if (id == null) {
			return Mono.empty();
		}
		String permissions = request.headers().getFirst("X-Permissions");
		Set<String> granted = (permissions == null) ? Set.of() : Set.of(permissions.split(","));
		return Mono.just(new Caller(id, id, granted, Map.of()));
	}

}
