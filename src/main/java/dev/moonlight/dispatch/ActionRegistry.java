package dev.moonlight.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The immutable table of every version, service alias and action, built once at boot by
 * {@link ActionRegistryBuilder}. A lookup is two or three hash gets; the not-found messages are Pionia's.
 */
public final class ActionRegistry {

	private final Map<String, Map<String, ServiceActions>> versions;

	ActionRegistry(Map<String, Map<String, ServiceActions>> versions) {
		this.versions = Map.copyOf(versions);
	}

	public boolean hasVersion(String version) {
		return versions.containsKey(version);
	}

	public Set<String> versions() {
		return versions.keySet();
	}

	/** Service alias to its action names (as declared), for overviews and catalogs. */
	public Map<String, List<String>> catalog(String version) {
		Map<String, ServiceActions> services = versions.getOrDefault(version, Map.of());
		Map<String, List<String>> catalog = new TreeMap<>();
		services.forEach((alias, service) -> catalog.put(alias, service.actionNames()));
		return catalog;
	}

	ActionInvoker find(String version, String service, String action) {
		Map<String, ServiceActions> services = versions.get(version);
		ServiceActions actions = (services != null) ? services.get(service) : null;
		if (actions == null) {
			throw new NotFoundException("Service " + service + " not found");
		}
		ActionInvoker invoker = actions.invokers().get(action);
		if (invoker == null) {
			throw new NotFoundException(
					"Action " + ActionNames.methodName(action) + " not found in the " + service + " context");
		}
		return invoker;
	}

	/** One service under one alias: its invokers by every wire spelling, and its declared action names. */
	record ServiceActions(Map<String, ActionInvoker> invokers, List<String> actionNames) {

		ServiceActions {
			invokers = Map.copyOf(invokers);
			actionNames = List.copyOf(actionNames);
		}

	}

}
