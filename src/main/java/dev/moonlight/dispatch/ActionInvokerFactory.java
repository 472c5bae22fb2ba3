package dev.moonlight.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an {@link Action} method into an {@link ActionInvoker}: picks a resolver for each
 * parameter and the result kind from the signature, once, and fails the boot with the
 * method named when a signature cannot be served.
 */
public final class ActionInvokerFactory {

	private final JsonMapper mapper;

	private final Validator validator;

	private final ActionGuardFactory guards;

	private final List<CallArgument<?>> arguments;

	/**
	 * Readers that find their deserializer on first use: building one per parameter
	 * record at boot was most of the registry's own time (~40 of ~75 ms with CDS). A call
	 * then pays one map lookup, cached per type in the readers they share.
	 */
	private final ObjectReader lazyReaders;

	public ActionInvokerFactory(JsonMapper mapper, Validator validator, ActionGuardFactory guards) {
		this(mapper, validator, guards, List.of());
	}

	/** With {@code arguments}: parameter types that other capabilities supply. */
	public ActionInvokerFactory(JsonMapper mapper, Validator validator, ActionGuardFactory guards,
			List<CallArgument<?>> arguments) {
		this.mapper = mapper;
		this.validator = validator;
		this.guards = guards;
		this.arguments = List.copyOf(arguments);
		this.lazyReaders = mapper.reader().without(DeserializationFeature.EAGER_DESERIALIZER_FETCH);
	}

	ActionInvoker create(String label, Class<?> serviceType, Object bean, Method method, Action action, String name) {
		Parameter[] parameters = method.getParameters();
		ArgumentResolver[] resolvers = new ArgumentResolver[parameters.length];
		ParamsBinder binder = null;
		for (int i = 0; i < parameters.length; i++) {
			ArgumentResolver resolver = frameworkArgument(parameters[i]);
			if (resolver == null) {
				if (binder != null) {
					throw new ActionRegistryException(describe(method) + " declares more than one parameter object ("
							+ parameters[i].getType().getSimpleName() + "); bind the request into one record.");
				}
				binder = binderFor(method, parameters[i].getType());
				resolver = (context, params) -> params;
			}
			resolvers[i] = resolver;
		}
		String message = action.message().isEmpty() ? null : action.message();
		ActionGuard guard = guards.create(serviceType, method, name);
		return new ActionInvoker(label, handle(bean, method), resolvers, binder, resultKind(method), message, guard);
	}

	private ArgumentResolver frameworkArgument(Parameter parameter) {
		Class<?> type = parameter.getType();
		if (type == ActionContext.class) {
			return (context, params) -> context;
		}
		if (type == Caller.class) {
			return (context, params) -> context.caller();
		}
		if (type == UploadedFiles.class) {
			return (context, params) -> context.files();
		}
		if (type == String.class && parameter.isAnnotationPresent(RequestId.class)) {
			return (context, params) -> context.requestId();
		}
		if (type == ObjectNode.class || type == JsonNode.class) {
			return (context, params) -> context.params();
		}
		if (type == Map.class) {
			return (context, params) -> mapper.convertValue(context.params(), Map.class);
		}
		if (type == Deferred.class) {
			return (context, params) -> context.deferred();
		}
		if (type == EarlyHints.class) {
			return (context, params) -> context.hints();
		}
		for (CallArgument<?> argument : arguments) {
			if (argument.type() == type) {
				return (context, params) -> argument.resolve(context);
			}
		}
		return null;
	}

	private ParamsBinder binderFor(Method method, Class<?> type) {
		if (type.isPrimitive() || type == String.class || type.isInterface() || type.isArray()) {
			throw new ActionRegistryException(describe(method) + " has a parameter of type " + type.getSimpleName()
					+ " that Moonlight cannot supply; use a parameter record, ActionContext, Caller, UploadedFiles,"
					+ " Deferred, EarlyHints, @RequestId String or ObjectNode.");
		}
		return new ParamsBinder(type, lazyReaders.forType(type), validator);
	}

	private static ResultKind resultKind(Method method) {
		try {
			return ResultKind.of(method);
		}
		catch (IllegalStateException ex) {
			throw new ActionRegistryException(ex.getMessage());
		}
	}

	private static MethodHandle handle(Object bean, Method method) {
		try {
			method.setAccessible(true);
			return MethodHandles.lookup()
				.unreflect(method)
				.bindTo(bean)
				.asSpreader(Object[].class, method.getParameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException | RuntimeException ex) {
			throw new ActionRegistryException("Cannot prepare " + describe(method) + ": " + ex.getMessage());
		}
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + "()";
	}

}
