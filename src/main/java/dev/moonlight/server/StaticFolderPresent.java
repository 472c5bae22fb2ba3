package dev.moonlight.server;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * Matches when the project has a {@code public/} folder or {@code .rr.yaml} sets
 * {@code http.static.dir}.
 */
final class StaticFolderPresent extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Moonlight static files");
		return StaticSectionReader.source(MoonlightEnvironmentPostProcessor.settings(context.getEnvironment()))
			.map((source) -> ConditionOutcome.match(message.found("static folder").items(source)))
			.orElseGet(() -> ConditionOutcome.noMatch(message.didNotFind("public/ folder or http.static.dir").atAll()));
	}

}
