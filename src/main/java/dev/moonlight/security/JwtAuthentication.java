package dev.moonlight.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.moonlight.dispatch.Caller;
import reactor.core.publisher.Mono;

/**
 * The built-in bearer backend: {@code Authorization: Bearer <jwt>} verified by
 * {@link JwtTokens}. The caller's id is {@code sub} (or {@code id}), its name
 * {@code username}, {@code email} or {@code sub}, its permissions {@code permissions} (or
 * {@code perms}); every other claim, {@code email} included, is an attribute.
 */
public final class JwtAuthentication implements AuthenticationBackend {

	/** The alias under which {@code [app_authentications]} names this backend. */
	public static final String ALIAS = "jwt";

	private final JwtTokens tokens;

	public JwtAuthentication(JwtTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public Mono<Caller> authenticate(AuthenticationRequest request) {
		String token = request.bearerToken();
		if (token == null) {
			return Mono.empty();
		}
		return Mono.justOrEmpty(tokens.verify(token).map(JwtAuthentication::caller));
	}

	static Caller caller(JWTClaimsSet claims) {
		Map<String, Object> all = claims.getClaims();
		Object id = (claims.getSubject() != null) ? claims.getSubject() : all.get("id");
		if (id == null) {
			return null;
		}
		Object name = firstOf(all, "username", "email");
		Map<String, Object> attributes = new LinkedHashMap<>();
		all.forEach((key, value) -> {
			boolean mapped = key.equals("sub") || key.equals("id") || key.equals("permissions") || key.equals("perms");
			if (!mapped && value != null) {
				attributes.put(key, value);
			}
		});
		return new Caller(id.toString(), (name != null) ? name.toString() : id.toString(),
				permissions(firstOf(all, "permissions", "perms")), attributes);
	}

	private static Object firstOf(Map<String, Object> claims, String first, String second) {
		Object value = claims.get(first);
		return (value != null) ? value : claims.get(second);
	}

	/** A JSON array of strings, or one comma-separated string. */
	private static Set<String> permissions(Object claim) {
		Set<String> permissions = new LinkedHashSet<>();
		if (claim instanceof Collection<?> list) {
			list.forEach((item) -> permissions.add(String.valueOf(item)));
		}
		else if (claim instanceof String text) {
			for (String part : text.split(",")) {
				if (!part.isBlank()) {
					permissions.add(part.strip());
				}
			}
		}
		return permissions;
	}

}
