package dev.moonlight.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.Ordered;

/**
 * The {@code messageSource} of an application without a message bundle
 * ({@link DefaultsOnlyMessageSource}). An application with one (a
 * {@code messages.properties}, or {@code spring.messages.basename}) gets Spring Boot's,
 * which is decided first, and a {@code messageSource} bean of the application's own wins
 * over both. Decided last of the auto-configurations, so that any other one's
 * {@code messageSource} comes first too.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration")
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
public final class DefaultsOnlyMessagesAutoConfiguration {

	@Bean(name = AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	@ConditionalOnMissingBean(name = AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME,
			search = SearchStrategy.CURRENT)
	HierarchicalMessageSource moonlightMessageSource() {
		return new DefaultsOnlyMessageSource();
	}

}
