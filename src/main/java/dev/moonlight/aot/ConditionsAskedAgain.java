package dev.moonlight.aot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Asks the conditions a build recorded again, in a boot's {@link ConditionContext}, and
 * says which decide otherwise. Each class or bean method is introspected once.
 */
final class ConditionsAskedAgain {

	private final ConditionContext context;

	private final Map<String, AnnotatedTypeMetadata> sources = new HashMap<>();

	ConditionsAskedAgain(ConditionContext context) {
		this.context = context;
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
			AnnotatedTypeMetadata metadata = metadata(recorded.source());
			if (condition.matches(this.context, metadata) == recorded.matched()) {
				return Optional.empty();
			}
			String now = (condition instanceof SpringBootCondition boot)
					? ": " + boot.getMatchOutcome(this.context, metadata).getMessage() : "";
			return Optional.of(recorded.source() + ": " + name + (recorded.matched() ? " matched" : " did not match")
					+ " when the jar was built, and " + (recorded.matched() ? "does not" : "does") + " now" + now);
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			// A condition that cannot be asked again counts as changed: the slower
			// start is the safe one.
			return Optional.of(recorded.source() + ": " + name + " could not be asked again (" + ex + ")");
		}
	}

	/** A class's metadata, or a bean method's for {@code Class#method}. */
	private AnnotatedTypeMetadata metadata(String source) throws ClassNotFoundException {
		AnnotatedTypeMetadata known = this.sources.get(source);
		if (known != null) {
			return known;
		}
		int hash = source.indexOf('#');
		String type = (hash < 0) ? source : source.substring(0, hash);
		AnnotationMetadata metadata = AnnotationMetadata
			.introspect(ClassUtils.forName(type, this.context.getClassLoader()));
		AnnotatedTypeMetadata found = (hash < 0) ? metadata : method(metadata, source.substring(hash + 1));
		this.sources.put(source, found);
		return found;
	}

	/** The bean method; overloads of one name carry the same annotations in practice. */
	private static AnnotatedTypeMetadata method(AnnotationMetadata type, String name) {
		return type.getDeclaredMethods()
			.stream()
			.filter((candidate) -> candidate.getMethodName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no method " + name + " on " + type.getClassName()));
	}

}
