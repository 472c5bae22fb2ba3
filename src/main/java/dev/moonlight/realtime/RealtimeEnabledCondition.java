package dev.moonlight.realtime;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * The WebSocket endpoint exists when {@code [realtime] ENABLED} (or
 * {@code REALTIME_ENABLED}) is true.
 */
final class RealtimeEnabledCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return RealtimeSettingsReader
			.read(MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()).files(),
					context.getEnvironment()::getProperty)
			.enabled();
	}

}
