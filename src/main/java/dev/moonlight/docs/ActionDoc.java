package dev.moonlight.docs;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One action in the catalog.
 *
 * @param service the service alias
 * @param action the declared action name, snake_case
 * @param aliases further names the action answers to
 * @param path the path form of the call, {@code /api/v1/task/create}
 * @param handler the Java method, {@code com.example.TaskService#create}
 * @param auth the login and permissions it needs
 * @param body how the parameters are known: {@value #RECORD} (a validated record),
 * {@value #TABLE} (a generic service's declared columns), {@value #FREE_FORM} (read from
 * the raw object; not described) or {@value #NONE}
 * @param paramsType the parameter record's class, when there is one
 * @param params the parameters, in declaration order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionDoc(String service, String action, List<String> aliases, String path, String handler, AuthDoc auth,
		String body, String paramsType, List<ParamDoc> params) {

	/** The parameters are a record bound and validated before the action runs. */
	public static final String RECORD = "record";

	/** The parameters are a generic service's declared table columns. */
	public static final String TABLE = "table";

	/** The action reads the raw parameters itself; the catalog cannot list them. */
	public static final String FREE_FORM = "free-form";

	/** The action takes no parameters. */
	public static final String NONE = "none";

	public ActionDoc {
		aliases = List.copyOf(aliases);
		params = List.copyOf(params);
	}

	/** {@code service.action}, as people name an action. */
	public String label() {
		return service + "." + action;
	}

}
