package dev.moonlight.aot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Asks the conditions a build recorded again, in a boot's {@link ConditionContext}, and
 * says which decide otherwise, on the annotations the build wrote down where it could.
 */
final class ConditionsAskedAgain {

	private final ConditionContext context;

	private final SourceMetadata classFiles;

	ConditionsAskedAgain(ConditionContext context) {
		this.context = context;
		this.classFiles = new SourceMetadata(context.getResourceLoader());
	}

	/** One sentence a condition that decides otherwise than at build time. */
	List<String> differences(List<RecordedCondition> recorded) {
		List<String> differences = new ArrayList<>();
		for (RecordedCondition condition : recorded) {
			difference(condition).ifPresent(differences::add);
		}
		return differences;
	}

	private Optional<String> difference(RecordedCondition recorded) {
		String name = ClassUtils.getShortName(recorded.condition());
		try {
			Condition condition = BeanUtils.instantiateClass(
					ClassUtils.forName(recorded.condition(), this.context.getClassLoader()), Condition.class);
			ConditionOutcome outcome = outcome(condition, recorded);
			if (outcome.isMatch() == recorded.matched()) {
				return Optional.empty();
			}
			return Optional.of(recorded.source() + ": " + name + (recorded.matched() ? " matched" : " did not match")
					+ " when the jar was built, and " + (recorded.matched() ? "does not" : "does") + " now"
					+ (outcome.getMessage().isEmpty() ? "" : ": " + outcome.getMessage()));
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			// A condition that cannot be asked again counts as changed: the slower
			// start is the safe one.
			return Optional.of(recorded.source() + ": " + name + " could not be asked again (" + ex + ")");
		}
	}

	/**
	 * The condition's outcome on the annotations the build wrote; a condition that fails
	 * on them (one that wants its source's class name or a method's return type) is asked
	 * again on the class file's metadata, as Spring asked it.
	 */
	private ConditionOutcome outcome(Condition condition, RecordedCondition recorded) {
		if (recorded.annotations().isEmpty()) {
			// Most of Moonlight's conditions read the settings only: the class file is
			// read when a condition asks for its annotations.
			return outcome(condition, () -> this.classFiles.of(recorded.source()).getAnnotations());
		}
		try {
			return outcome(condition, RecordedAnnotations.read(recorded.annotations().get(), recorded.source(),
					this.context.getClassLoader()));
		}
		catch (RuntimeException | LinkageError ex) {
			// Asked again below; an error there is the one to report.
			return outcome(condition, this.classFiles.of(recorded.source()));
		}
	}

	private ConditionOutcome outcome(Condition condition, AnnotatedTypeMetadata metadata) {
		return (condition instanceof SpringBootCondition boot) ? boot.getMatchOutcome(this.context, metadata)
				: new ConditionOutcome(condition.matches(this.context, metadata), "");
	}

}
