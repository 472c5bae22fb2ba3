package dev.moonlight.docs;

import java.util.List;

/**
 * One service alias of a version and its actions, sorted by name.
 *
 * @param service the alias clients send as {@code service}
 * @param type the service bean's class
 * @param actions its actions
 */
public record ServiceDoc(String service, String type, List<ActionDoc> actions) {

	public ServiceDoc {
		actions = List.copyOf(actions);
	}

}
