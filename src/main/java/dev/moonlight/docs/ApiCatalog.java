package dev.moonlight.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.validation.Validator;

import dev.moonlight.dispatch.ActionDescriptor;
import dev.moonlight.dispatch.ActionRegistry;
import dev.moonlight.generic.GenericService;
import dev.moonlight.security.AccessRules;

/**
 * Every version, service and action with its parameters and access rule, built once from
 * the action table when first asked for. The {@code __catalog} route, the OpenAPI
 * document, the {@code /docs} page and the {@code routes} command all read this one
 * model, so they never disagree.
 */
public final class ApiCatalog {

	private final Map<String, VersionDoc> byName;

	private final List<VersionDoc> versions;

	/**
	 * @param registry the action table
	 * @param rules the security marks reader, or {@code null} when security is not
	 * configured (all public)
	 * @param validator the validator whose metadata describes the parameter records
	 * @param beans finds the service bean of a class, or {@code null}; used to read a
	 * generic service's table
	 */
	public ApiCatalog(ActionRegistry registry, AccessRules rules, Validator validator,
			Function<Class<?>, Object> beans) {
		ParamsReader reader = new ParamsReader(validator);
		Map<String, VersionDoc> built = new TreeMap<>();
		for (String version : registry.versions()) {
			built.put(version, version(version, registry.actions(version), rules, reader, beans));
		}
		this.byName = Map.copyOf(built);
		this.versions = List.copyOf(built.values());
	}

	/** Every version, sorted by name. */
	public List<VersionDoc> versions() {
		return versions;
	}

	public Optional<VersionDoc> version(String version) {
		return Optional.ofNullable(byName.get(version));
	}

	private static VersionDoc version(String version, List<ActionDescriptor> actions, AccessRules rules,
			ParamsReader reader, Function<Class<?>, Object> beans) {
		String endpoint = "/api/" + version + "/";
		Map<String, List<ActionDoc>> byService = new LinkedHashMap<>();
		Map<String, String> types = new LinkedHashMap<>();
		for (ActionDescriptor action : actions) {
			types.putIfAbsent(action.service(), action.serviceType().getName());
			byService.computeIfAbsent(action.service(), (alias) -> new ArrayList<>())
				.add(action(endpoint, action, rules, reader, beans));
		}
		List<ServiceDoc> services = new ArrayList<>();
		byService.forEach((alias, docs) -> services.add(new ServiceDoc(alias, types.get(alias), docs)));
		return new VersionDoc(version, endpoint, services);
	}

	private static ActionDoc action(String endpoint, ActionDescriptor action, AccessRules rules, ParamsReader reader,
			Function<Class<?>, Object> beans) {
		AuthDoc auth = (rules != null) ? AuthDoc.of(rules.resolve(action.serviceType(), action.method(), action.name()))
				: AuthDoc.PUBLIC;
		String handler = action.serviceType().getName() + "#" + action.method().getName();
		String path = endpoint + action.service() + "/" + action.name();
		Class<?> record = action.paramsType();
		if (record != null) {
			return new ActionDoc(action.service(), action.name(), action.aliases(), path, handler, auth,
					ActionDoc.RECORD, record.getName(), reader.read(record));
		}
		Optional<List<ParamDoc>> table = tableParams(action, beans);
		if (table.isPresent()) {
			return new ActionDoc(action.service(), action.name(), action.aliases(), path, handler, auth,
					ActionDoc.TABLE, null, table.get());
		}
		String body = action.readsRawParams() ? ActionDoc.FREE_FORM : ActionDoc.NONE;
		return new ActionDoc(action.service(), action.name(), action.aliases(), path, handler, auth, body, null,
				List.of());
	}

	/** A generic service's built-in action, whose parameters its declared table names. */
	private static Optional<List<ParamDoc>> tableParams(ActionDescriptor action, Function<Class<?>, Object> beans) {
		if (!GenericService.class.isAssignableFrom(action.serviceType()) || !action.readsRawParams()) {
			return Optional.empty();
		}
		Object bean = beans.apply(action.serviceType());
		if (!(bean instanceof GenericService generic)) {
			return Optional.empty();
		}
		return TableParams.of(generic.spec(), action.name());
	}

}
