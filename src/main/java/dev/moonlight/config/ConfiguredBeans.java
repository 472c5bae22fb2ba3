package dev.moonlight.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Turns a settings.ini section of {@code alias = "class name"} lines
 * ({@code [app_authentications]}, {@code [app_middlewares]}) into objects, in file order:
 * a framework built-in by its alias or class, else the application's bean of that class,
 * else a new instance with its constructor autowired. A wrong name fails the boot naming
 * the file, line and key.
 */
public final class ConfiguredBeans {

	private ConfiguredBeans() {
	}

	/**
	 * @param context the application context
	 * @param settings the settings holding the section
	 * @param section the section name, e.g. {@code app_middlewares}
	 * @param type what every entry must be
	 * @param builtIns framework objects by alias and by class name
	 * @return the objects in file order; empty when the section is absent
	 */
	public static <T> List<T> fromSection(ApplicationContext context, MoonlightSettings settings, String section,
			Class<T> type, Map<String, Supplier<? extends T>> builtIns) {
		List<T> objects = new ArrayList<>();
		settings.files().ini().section(section).forEach((alias, value) -> {
			String className = value.value().strip();
			Supplier<? extends T> builtIn = builtIns.containsKey(className) ? builtIns.get(className)
					: builtIns.get(alias);
			if (builtIn != null && (className.isEmpty() || builtIns.containsKey(className))) {
				objects.add(builtIn.get());
			}
			else {
				objects.add(instance(context, value, type));
			}
		});
		return objects;
	}

	private static <T> T instance(ApplicationContext context, ConfigValue value, Class<T> type) {
		Class<?> named;
		try {
			named = ClassUtils.forName(value.value().strip(), context.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw value.invalid("No such class; check the spelling.");
		}
		if (!type.isAssignableFrom(named)) {
			throw value.invalid("The class does not implement " + type.getName() + ".");
		}
		Object bean;
		try {
			bean = context.getBeanProvider(named).getIfAvailable();
		}
		catch (NoUniqueBeanDefinitionException ex) {
			throw value.invalid("Several beans have this class; name a more specific one.");
		}
		return type.cast((bean != null) ? bean : context.getAutowireCapableBeanFactory().createBean(named));
	}

}
