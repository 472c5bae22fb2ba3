package dev.moonlight.pool;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A background bean is built off the main thread with or without Spring Boot's task
 * execution auto-configuration, on Boot's executor when it is there.
 */
class BootstrapExecutorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BootstrapExecutorAutoConfiguration.class))
		.withUserConfiguration(BackgroundBean.class);

	@Test
	void withoutBootsTaskExecutorABackgroundBeanIsBuiltOnMoonlightsThread() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("builtOn", String.class)).startsWith("moonlight-bootstrap-");
		});
	}

	@Test
	void withBootsTaskExecutorBootsExecutorBuildsIt() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME))
				.isSameAs(context.getBean("applicationTaskExecutor"));
			assertThat(context.getBean("builtOn", String.class)).doesNotStartWith("moonlight-bootstrap-")
				.isNotEqualTo(Thread.currentThread().getName());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class BackgroundBean {

		@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
		String builtOn() {
			return Thread.currentThread().getName();
		}

	}

}
