package dev.moonlight.pool;

import java.util.concurrent.Executor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The executor Spring builds an application's {@code @Bean(bootstrap = BACKGROUND)} beans
 * on, beside the rest of the boot. Spring Boot's task execution auto-configuration names
 * its {@code applicationTaskExecutor} so; an application that leaves that out (to start
 * faster) would otherwise build those beans on the main thread, silently, since Spring
 * falls back to it without a word.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
public final class BootstrapExecutorAutoConfiguration {

	/** The threads, one per background bean, end with the boot's last one. */
	@Bean(name = ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(
			name = { ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME, "applicationTaskExecutor" })
	Executor moonlightBootstrapExecutor() {
		return new SimpleAsyncTaskExecutor("moonlight-bootstrap-");
	}

}
