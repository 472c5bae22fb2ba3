package dev.moonlight.jobs;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/** Jobs are queued when {@code [jobs] ENABLED} (or {@code JOBS_ENABLED}) is true. */
final class JobsEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		// ENABLED alone, not the whole section: conditions run before any bean exists and
		// more than once, and the section's notices are the JobsSection bean's to log.
		boolean enabled = JobsSectionReader.enabled(
				MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()).files(),
				context.getEnvironment()::getProperty);
		return enabled ? ConditionOutcome.match("[jobs] ENABLED is true")
				: ConditionOutcome.noMatch("[jobs] ENABLED is false: jobs run after the response, in process");
	}

}
