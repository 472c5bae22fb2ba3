package dev.moonlight.dispatch;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the action table knows about one action under one service alias, for catalogs and
 * API docs. Built once at boot beside the invokers; dispatch never reads it.
 *
 * @param service the alias clients send as {@code service}
 * @param name the declared action name in snake_case ({@code list_auth})
 * @param aliases further declared names ({@code details} for {@code retrieve}), as
 * written on {@link Action}
 * @param serviceType the service bean's class
 * @param method the action method
 * @param paramsType the parameter record bound from the body and validated, or
 * {@code null} when there is none
 */
public record ActionDescriptor(String service, String name, List<String> aliases, Class<?> serviceType, Method method,
		Class<?> paramsType) {

	public ActionDescriptor {
		aliases = List.copyOf(aliases);
	}

	/**
	 * Whether the action also reads the raw parameters ({@code ObjectNode},
	 * {@code JsonNode} or a {@code Map}).
	 */
	public boolean readsRawParams() {
		for (Class<?> type : method.getParameterTypes()) {
			if (type == ObjectNode.class || type == JsonNode.class || type == Map.class) {
				return true;
			}
		}
		return false;
	}

}
