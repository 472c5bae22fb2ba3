package dev.moonlight.dispatch;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Builds the {@link ActionRegistry} at boot: finds the {@link MoonlightService} beans,
 * applies the configured switches (or serves every service on {@code v1} by its own alias
 * when none is configured), prepares an invoker per action and fails with a message
 * naming both sides of any clash.
 */
public final class ActionRegistryBuilder {

	private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]*");

	private final ApplicationContext context;

	private final ActionInvokerFactory invokers;

	private final Map<ServiceBean, ActionRegistry.ServiceActions> prepared = new HashMap<>();

	public ActionRegistryBuilder(ApplicationContext context, ActionInvokerFactory invokers) {
		this.context = context;
		this.invokers = invokers;
	}

	/**
	 * {@code switches}: version to switch class name, in configuration order; empty means
	 * the default switch.
	 */
	public ActionRegistry build(Map<String, String> switches) {
		List<ServiceBean> beans = serviceBeans();
		Map<String, Map<String, ActionRegistry.ServiceActions>> versions = new LinkedHashMap<>();
		if (switches.isEmpty()) {
			versions.put("v1", defaultSwitch(beans));
		}
		else {
			switches
				.forEach((version, className) -> versions.put(version, configuredSwitch(version, className, beans)));
		}
		return new ActionRegistry(versions);
	}

	private Map<String, ActionRegistry.ServiceActions> defaultSwitch(List<ServiceBean> beans) {
		Map<String, ActionRegistry.ServiceActions> services = new LinkedHashMap<>();
		Map<String, ServiceBean> claimed = new HashMap<>();
		for (ServiceBean bean : beans) {
			ServiceBean earlier = claimed.putIfAbsent(bean.alias(), bean);
			if (earlier != null) {
				throw new ActionRegistryException("Two services claim the alias '" + bean.alias() + "': "
						+ earlier.type().getName() + " and " + bean.type().getName() + ". Give one another alias.");
			}
			services.put(bean.alias(), actionsOf(bean));
		}
		return services;
	}

	private Map<String, ActionRegistry.ServiceActions> configuredSwitch(String version, String className,
			List<ServiceBean> beans) {
		ApiSwitch apiSwitch = instantiate(version, className);
		Map<String, ActionRegistry.ServiceActions> services = new LinkedHashMap<>();
		apiSwitch.services().forEach((alias, type) -> {
			checkAlias(alias, className);
			services.put(alias, actionsOf(beanOf(type, version, className, beans).as(alias)));
		});
		beans.stream()
			.filter(ServiceBean::everyVersion)
			.forEach((bean) -> services.computeIfAbsent(bean.alias(), (alias) -> actionsOf(bean)));
		return services;
	}

	private ApiSwitch instantiate(String version, String className) {
		Class<?> type;
		try {
			type = ClassUtils.forName(className, context.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new ActionRegistryException("[app_switches] " + version + " names " + className
					+ ", but no such class exists. Check the spelling in environment/settings.ini.");
		}
		if (!ApiSwitch.class.isAssignableFrom(type)) {
			throw new ActionRegistryException("[app_switches] " + version + " names " + className
					+ ", which does not implement " + ApiSwitch.class.getName() + ".");
		}
		AutowireCapableBeanFactory factory = context.getAutowireCapableBeanFactory();
		return (ApiSwitch) factory.createBean(type);
	}

	private ServiceBean beanOf(Class<?> type, String version, String switchName, List<ServiceBean> beans) {
		List<ServiceBean> matches = beans.stream().filter((bean) -> type.isAssignableFrom(bean.type())).toList();
		if (matches.size() != 1) {
			String problem = matches.isEmpty() ? "is not a @MoonlightService bean" : "matches several service beans";
			throw new ActionRegistryException("Switch " + switchName + " (" + version + ") exposes " + type.getName()
					+ ", which " + problem + ".");
		}
		return matches.get(0);
	}

	/**
	 * Prepared once per bean and alias, so labels in logs and errors name the alias the
	 * client used.
	 */
	private ActionRegistry.ServiceActions actionsOf(ServiceBean bean) {
		return prepared.computeIfAbsent(bean, this::prepare);
	}

	private ActionRegistry.ServiceActions prepare(ServiceBean bean) {
		Map<String, ActionInvoker> bySpelling = new HashMap<>();
		Map<String, Method> owners = new HashMap<>();
		List<ActionDescriptor> descriptors = new ArrayList<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(bean.type(),
				ReflectionUtils.USER_DECLARED_METHODS)) {
			Action action = AnnotationUtils.findAnnotation(method, Action.class);
			if (action == null) {
				continue;
			}
			String name = action.value().isEmpty() ? ActionNames.stripSuffix(method.getName()) : action.value();
			ActionInvoker invoker = invokers.create(bean.alias() + "." + name, bean.type(), bean.instance(), method,
					action, name);
			descriptors.add(new ActionDescriptor(bean.alias(), ActionNames.snake(ActionNames.camel(name)),
					List.of(action.aliases()), bean.type(), method, invoker.paramsType()));
			List<String> wireNames = new ArrayList<>(List.of(name));
			wireNames.addAll(List.of(action.aliases()));
			for (String wireName : wireNames) {
				for (String spelling : ActionNames.spellings(wireName)) {
					Method earlier = owners.putIfAbsent(spelling, method);
					if (earlier != null && !earlier.equals(method)) {
						throw new ActionRegistryException("Service '" + bean.alias() + "' declares the action '"
								+ spelling + "' twice: " + ActionInvokerFactory.describe(earlier) + " and "
								+ ActionInvokerFactory.describe(method) + ".");
					}
					bySpelling.put(spelling, invoker);
				}
			}
		}
		descriptors.sort(Comparator.comparing(ActionDescriptor::name));
		return new ActionRegistry.ServiceActions(bySpelling, descriptors);
	}

	private List<ServiceBean> serviceBeans() {
		List<ServiceBean> beans = new ArrayList<>();
		context.getBeansWithAnnotation(MoonlightService.class).values().forEach((instance) -> {
			Class<?> type = ClassUtils.getUserClass(instance);
			MoonlightService mark = AnnotationUtils.findAnnotation(type, MoonlightService.class);
			checkAlias(mark.value(), type.getName());
			beans.add(new ServiceBean(mark.value(), type, instance, mark.everyVersion()));
		});
		return beans;
	}

	private static void checkAlias(String alias, String owner) {
		if (!ALIAS.matcher(alias).matches()) {
			throw new ActionRegistryException("Service alias '" + alias + "' of " + owner
					+ " is not valid; use lowercase letters, digits, '_' or '-', starting with a letter.");
		}
	}

	private record ServiceBean(String alias, Class<?> type, Object instance, boolean everyVersion) {

		ServiceBean as(String otherAlias) {
			return new ServiceBean(otherAlias, type, instance, everyVersion);
		}

	}

}
