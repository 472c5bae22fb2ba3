package dev.moonlight.dispatch;

import java.util.Map;
import java.util.Set;

/**
 * Who made the request: an authenticated member, or {@link #ANONYMOUS}. Authentication
 * backends produce callers; actions receive them as a parameter.
 */
public record Caller(String id, String name, Set<String> permissions, Map<String, Object> attributes) {

	/** The caller of a request that no authentication backend recognised. */
	public static final Caller ANONYMOUS = new Caller(null, null, Set.of(), Map.of());

	public Caller {
		permissions = Set.copyOf(permissions);
		attributes = Map.copyOf(attributes);
	}

	public boolean authenticated() {
		return id != null;
	}

	public boolean can(String permission) {
		return permissions.contains(permission);
	}

}
