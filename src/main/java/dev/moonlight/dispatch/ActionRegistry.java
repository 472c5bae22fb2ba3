package dev.moonlight.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The immutable table of every version, service alias and action, built once at boot by
 * {@link ActionRegistryBuilder}. A lookup is two or three hash gets; the not-found
 * messages are Pionia's.
 */
public final class ActionRegistry {

	private final Map<String, Map<String, ServiceActions>> versions;

	private final Map<String, List<ActionDescriptor>> descriptors;

	ActionRegistry(Map<String, Map<String, ServiceActions>> versions) {
		this.versions = Map.copyOf(versions);
		Map<String, List<ActionDescriptor>> described = new TreeMap<>();
		versions.forEach((version, services) -> described.put(version, describe(services)));
		this.descriptors = Map.copyOf(described);
	}

	private static List<ActionDescriptor> describe(Map<String, ServiceActions> services) {
		List<ActionDescriptor> all = new ArrayList<>();
		new TreeMap<>(services).values().forEach((service) -> all.addAll(service.descriptors()));
		return List.copyOf(all);
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

	/**
	 * Every action of a version with what is known about it (method, parameter record),
	 * sorted by service alias and action name; empty for an unknown version. Boot-time
	 * data for catalogs and API docs.
	 */
	public List<ActionDescriptor> actions(String version) {
		return descriptors.getOrDefault(version, List.of());
	}

	/**
	 * Checks that a call could be dispatched, without making it.
	 * @throws NotFoundException with Pionia's message for an unknown version, service or
	 * action
	 */
	public void require(String version, String service, String action) {
		find(version, service, action);
	}

	/**
	 * Whether the version, service alias and action name (in any of its wire spellings)
	 * name a registered action. Never throws and builds no message, so it is cheap enough
	 * to vet client-sent names for meter tags.
	 */
	public boolean knows(String version, String service, String action) {
		Map<String, ServiceActions> services = (version != null) ? versions.get(version) : null;
		ServiceActions actions = (services != null && service != null) ? services.get(service) : null;
		return actions != null && action != null && actions.invokers().containsKey(action);
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

	/**
	 * One service under one alias: its invokers by every wire spelling, and its actions
	 * sorted by name.
	 */
	record ServiceActions(Map<String, ActionInvoker> invokers, List<ActionDescriptor> descriptors) {

		ServiceActions {
			invokers = Map.copyOf(invokers);
			descriptors = List.copyOf(descriptors);
		}

		List<String> actionNames() {
			return descriptors.stream().map(ActionDescriptor::name).toList();
		}

	}

}
