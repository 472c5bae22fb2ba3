package dev.moonlight.testapp;

import java.util.Map;
import java.util.Set;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.security.AuthenticationBackend;
import dev.moonlight.security.AuthenticationRequest;
import reactor.core.publisher.Mono;

/**
 * For the jobs' wire tests: {@code X-Caller: <id>} is that caller, with the permissions
 * of {@code X-Permissions}.
 */
public final class HeaderCallerBackend implements AuthenticationBackend {

	@Override
	public Mono<Caller> authenticate(AuthenticationRequest request) {
		String id = request.headers().getFirst("X-Caller");
		if (id == null) {
			return Mono.empty();
		}
		String permissions = request.headers().getFirst("X-Permissions");
		Set<String> granted = (permissions == null) ? Set.of() : Set.of(permissions.split(","));
		return Mono.just(new Caller(id, id, granted, Map.of()));
	}

}
