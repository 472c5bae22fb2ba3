package dev.moonlight.dispatch;

import java.util.Map;
import java.util.Set;

/**
 * Who made the request: an authenticated member, or {@link #ANONYMOUS}. Authentication
 * backends produce callers; actions receive them as a parameter.
 *
 * @param backend the authentication backend that recognised the caller, set by the
 * authentication chain (a backend leaves it out): two backends may give the same id to
 * different people, so what is kept per caller (an idempotency key) is kept per backend
 * and id; {@code null} for a caller no backend made
 */
public record Caller(String id, String name, Set<String> permissions, Map<String, Object> attributes, String backend) {

	/** The caller of a request that no authentication backend recognised. */
	public static final Caller ANONYMOUS = new Caller(null, null, Set.of(), Map.of());

	public Caller {
		permissions = Set.copyOf(permissions);
		attributes = Map.copyOf(attributes);
	}

	/** A caller as a backend makes it: the chain names the backend. */
	public Caller(String id, String name, Set<String> permissions, Map<String, Object> attributes) {
		this(id, name, permissions, attributes, null);
	}

	/** This caller, recognised by {@code backend}. */
	public Caller withBackend(String backend) {
		return new Caller(id, name, permissions, attributes, backend);
	}

	public boolean authenticated() {
		return id != null;
	}

	public boolean can(String permission) {
		return permissions.contains(permission);
	}

}
