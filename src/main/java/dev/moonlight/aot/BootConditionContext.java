package dev.moonlight.aot;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * What a condition sees when it is asked again before the context exists: the boot's
 * environment, and an empty bean factory (conditions on beans are not asked again).
 *
 * @param beanFactory an empty bean factory
 * @param environment the boot's environment
 * @param resourceLoader the application's resource loader
 */
record BootConditionContext(DefaultListableBeanFactory beanFactory, Environment environment,
		ResourceLoader resourceLoader) implements ConditionContext {

	@Override
	public BeanDefinitionRegistry getRegistry() {
		return this.beanFactory;
	}

	@Override
	public ConfigurableListableBeanFactory getBeanFactory() {
		return this.beanFactory;
	}

	@Override
	public Environment getEnvironment() {
		return this.environment;
	}

	@Override
	public ResourceLoader getResourceLoader() {
		return this.resourceLoader;
	}

	@Override
	public ClassLoader getClassLoader() {
		return this.resourceLoader.getClassLoader();
	}

}
