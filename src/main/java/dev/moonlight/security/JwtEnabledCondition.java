package dev.moonlight.security;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.IniDocument;
import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * JWT is on when {@code [app_authentications]} names it or {@code [jwt] ENABLED} is true.
 */
final class JwtEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isEnabled(MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()).files().ini())
				? ConditionOutcome.match("[app_authentications] names JWT or [jwt] ENABLED is true")
				: ConditionOutcome.noMatch("[app_authentications] does not name JWT and [jwt] ENABLED is not true");
	}

	static boolean isEnabled(IniDocument ini) {
		boolean named = ini.section(SecurityAutoConfiguration.SECTION)
			.entrySet()
			.stream()
			.anyMatch((entry) -> entry.getKey().equals(JwtAuthentication.ALIAS)
					|| entry.getValue().value().strip().equals(JwtAuthentication.class.getName()));
		return named || ini.bool("jwt", "ENABLED", false);
	}

}
