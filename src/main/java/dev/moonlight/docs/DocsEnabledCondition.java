package dev.moonlight.docs;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * Docs are served when {@link DocsSettings} says so: {@code [docs] ENABLED},
 * {@code DOCS_ENABLED}, or not production.
 */
final class DocsEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean enabled = DocsSettings
			.read(MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()),
					context.getEnvironment()::getProperty)
			.enabled();
		return enabled ? ConditionOutcome.match("docs are enabled")
				: ConditionOutcome.noMatch("docs are disabled ([docs] ENABLED, DOCS_ENABLED or production)");
	}

}
