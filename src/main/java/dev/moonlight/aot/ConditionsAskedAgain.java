package dev.moonlight.aot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.util.ClassUtils;

/**
 * Asks the conditions a build recorded again, in a boot's {@link ConditionContext}, and
 * says which decide otherwise. Each class file is read once, when a condition asks.
 */
final class ConditionsAskedAgain {

	private final ConditionContext context;

	private final Map<String, AnnotatedTypeMetadata> sources = new HashMap<>();

	private final MetadataReaderFactory classFiles;

	ConditionsAskedAgain(ConditionContext context) {
		this.context = context;
		this.classFiles = new SimpleMetadataReaderFactory(context.getResourceLoader());
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
			// Most of Moonlight's conditions read the settings only: the class is
			// introspected (reflection, slow at boot) when a condition asks for it.
			AnnotatedTypeMetadata metadata = () -> metadata(recorded.source()).getAnnotations();
			ConditionOutcome outcome = (condition instanceof SpringBootCondition boot)
					? boot.getMatchOutcome(this.context, metadata)
					: new ConditionOutcome(condition.matches(this.context, metadata), "");
			if (outcome.isMatch() == recorded.matched()) {
				return Optional.empty();
			}
			return Optional.of(recorded.source() + ": " + name + (recorded.matched() ? " matched" : " did not match")
					+ " when the jar was built, and " + (recorded.matched() ? "does not" : "does") + " now"
					+ (outcome.getMessage().isEmpty() ? "" : ": " + outcome.getMessage()));
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			// A condition that cannot be asked again counts as changed: the slower
			// start is the safe one.
			return Optional.of(recorded.source() + ": " + name + " could not be asked again (" + ex + ")");
		}
	}

	/**
	 * A class's metadata, or a bean method's for {@code Class#method}, read from the
	 * class file as Spring reads configuration classes: reflection would load every type
	 * the class's methods name.
	 */
	private AnnotatedTypeMetadata metadata(String source) {
		return this.sources.computeIfAbsent(source, (key) -> {
			int hash = key.indexOf('#');
			String type = (hash < 0) ? key : key.substring(0, hash);
			AnnotationMetadata metadata;
			try {
				metadata = this.classFiles.getMetadataReader(type).getAnnotationMetadata();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return (hash < 0) ? metadata : method(metadata, key.substring(hash + 1));
		});
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
