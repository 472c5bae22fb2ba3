package dev.moonlight.jobs;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The opposite of {@link JobsEnabledCondition}: jobs run after the response, in process.
 */
final class JobsDisabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionOutcome enabled = new JobsEnabledCondition().getMatchOutcome(context, metadata);
		return new ConditionOutcome(!enabled.isMatch(), enabled.getConditionMessage());
	}

}
