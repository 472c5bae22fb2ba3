package dev.moonlight.testapp;

import java.util.Map;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.security.Authenticated;
import dev.moonlight.security.Can;
import dev.moonlight.security.CanAny;

/** Every kind of security mark, for the marks' wire tests. */
@MoonlightService("vault")
@Authenticated(except = { "peek", "LookAction" })
@Can(value = "vault.read", except = { "peek", "look", "whoami", "open_up", "any_key", "strict" })
class VaultService {

	/** Exempt from both service marks. */
	@Action
	Object peek() {
		return "public";
	}

	/** Exempt through another spelling of its name. */
	@Action
	Object look() {
		return "also public";
	}

	/** Login only: exempt from the service's @Can. */
	@Action
	Map<String, Object> whoami(Caller caller) {
		return Map.of("id", caller.id(), "name", caller.name(), "permissions",
				caller.permissions().stream().sorted().toList());
	}

	/** The service's @Can applies. */
	@Action
	Object read() {
		return "secret";
	}

	/** Action marks replace the service's @Can: vault.write alone is needed. */
	@Action
	@Can("vault.write")
	Object write(NoteParams params) {
		return params;
	}

	/** One of two permissions. */
	@Action
	@CanAny(value = { "vault.admin", "vault.owner" }, message = "Only owners or admins")
	Object anyKey() {
		return "opened";
	}

	/** Two marks, all required. */
	@Action
	@Can("vault.read")
	@Can("vault.audit")
	Object strict() {
		return "audited";
	}

	/** Login with a message of its own. */
	@Action
	@Authenticated(message = "Log in to open up")
	Object openUp() {
		return "open";
	}

}
