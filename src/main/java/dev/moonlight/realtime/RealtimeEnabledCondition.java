package dev.moonlight.realtime;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * The WebSocket endpoint exists when {@code [realtime] ENABLED} (or
 * {@code REALTIME_ENABLED}) is true.
 */
final class RealtimeEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean enabled = RealtimeSettingsReader
			.read(MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()).files(),
					context.getEnvironment()::getProperty)
			.enabled();
		return enabled ? ConditionOutcome.match("[realtime] ENABLED is true")
				: ConditionOutcome.noMatch("[realtime] ENABLED is false");
	}

}
