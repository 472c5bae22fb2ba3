package dev.moonlight.server;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * Matches when {@code http.ssl} (.rr.yaml) or {@code [tls]} (settings.ini) is written;
 * its values are checked later.
 */
final class TlsConfigured extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Moonlight TLS listener");
		return ServerSettingsReader
			.tlsSource(MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()).files())
			.map((source) -> ConditionOutcome.match(message.found("TLS settings").items(source)))
			.orElseGet(() -> ConditionOutcome
				.noMatch(message.didNotFind("http.ssl in .rr.yaml or [tls] in settings.ini").atAll()));
	}

}
