package dev.moonlight.config;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnRrValue}. */
final class OnRrValueCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String path = (String) metadata.getAnnotationAttributes(ConditionalOnRrValue.class.getName()).get("value");
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnRrValue.class, path);
		return MoonlightEnvironmentPostProcessor.settings(context.getEnvironment())
			.files()
			.rr()
			.get(path)
			.filter((value) -> !value.isBlank())
			.map((value) -> ConditionOutcome.match(message.found(RrYaml.FILE + " value").items(value.value())))
			.orElseGet(() -> ConditionOutcome.noMatch(message.didNotFind(path + " in " + RrYaml.FILE).atAll()));
	}

}
