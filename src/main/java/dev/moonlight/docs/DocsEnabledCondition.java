package dev.moonlight.docs;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * Docs are served when {@link DocsSettings} says so: {@code [docs] ENABLED},
 * {@code DOCS_ENABLED}, or not production.
 */
final class DocsEnabledCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return DocsSettings
			.read(MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()),
					context.getEnvironment()::getProperty)
			.enabled();
	}

}
