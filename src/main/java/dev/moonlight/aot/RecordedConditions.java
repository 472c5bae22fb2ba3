package dev.moonlight.aot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.ConfigurationCondition.ConfigurationPhase;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The conditions an AOT build saw, as the jar carries them in {@value #RESOURCE}, and
 * their check against the environment of a boot.
 */
final class RecordedConditions {

	/** Where the build writes them, beside the generated classes. */
	static final String RESOURCE = "META-INF/moonlight/aot-conditions.tsv";

	/**
	 * Conditions the jar alone decides, left out: its classes, and the report's own "an
	 * enclosing class did not match". The kind of web application is asked again: a
	 * command that boots without a server ({@code routes}) is not the build's boot.
	 */
	private static final Set<String> DECIDED_BY_THE_JAR = Set.of(
			"org.springframework.boot.autoconfigure.condition.OnClassCondition",
			ConditionEvaluationReport.class.getName() + "$AncestorsMatchedCondition");

	private final List<RecordedCondition> conditions;

	private RecordedConditions(List<RecordedCondition> conditions) {
		this.conditions = List.copyOf(conditions);
	}

	/** The conditions of a build's report whose outcome a boot can change. */
	static RecordedConditions of(ConditionEvaluationReport report) {
		List<RecordedCondition> recorded = new ArrayList<>();
		report.getConditionAndOutcomesBySource().forEach((source, outcomes) -> {
			for (ConditionAndOutcome each : outcomes) {
				String condition = each.getCondition().getClass().getName();
				if (!DECIDED_BY_THE_JAR.contains(condition) && !asksAboutBeans(each.getCondition())) {
					recorded.add(new RecordedCondition(source, condition, each.getOutcome().isMatch()));
				}
			}
		});
		return new RecordedConditions(recorded);
	}

	/**
	 * Whether Spring asks the condition when beans are registered: such a condition reads
	 * the bean definitions, which the other conditions decide, and which do not exist
	 * before the context.
	 */
	private static boolean asksAboutBeans(Condition condition) {
		return condition instanceof ConfigurationCondition phased
				&& phased.getConfigurationPhase() == ConfigurationPhase.REGISTER_BEAN;
	}

	/** The conditions the jar carries, or none when it was not built with Spring AOT. */
	static Optional<RecordedConditions> read(ClassLoader loader) {
		try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return Optional.empty();
			}
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return Optional.of(new RecordedConditions(
					text.lines().filter((line) -> !line.isBlank()).map(RecordedCondition::parse).toList()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + RESOURCE + ": " + ex.getMessage(), ex);
		}
	}

	/** The text of {@value #RESOURCE}: one condition a line. */
	String text() {
		StringBuilder text = new StringBuilder();
		this.conditions.forEach((condition) -> text.append(condition.line()).append('\n'));
		return text.toString();
	}

	int size() {
		return this.conditions.size();
	}

	/**
	 * Evaluates each condition again in {@code context}: what differs from the build, one
	 * sentence a condition (none when the build's bean definitions fit this boot).
	 */
	List<String> differences(ConditionContext context) {
		Map<String, AnnotatedTypeMetadata> sources = new HashMap<>();
		List<String> differences = new ArrayList<>();
		for (RecordedCondition recorded : this.conditions) {
			difference(recorded, context, sources).ifPresent(differences::add);
		}
		return differences;
	}

	private static Optional<String> difference(RecordedCondition recorded, ConditionContext context,
			Map<String, AnnotatedTypeMetadata> sources) {
		String name = ClassUtils.getShortName(recorded.condition());
		try {
			ClassLoader loader = context.getClassLoader();
			Condition condition = BeanUtils.instantiateClass(ClassUtils.forName(recorded.condition(), loader),
					Condition.class);
			AnnotatedTypeMetadata metadata = sources.get(recorded.source());
			if (metadata == null) {
				metadata = metadata(recorded.source(), loader);
				sources.put(recorded.source(), metadata);
			}
			if (condition.matches(context, metadata) == recorded.matched()) {
				return Optional.empty();
			}
			String now = (condition instanceof SpringBootCondition boot)
					? ": " + boot.getMatchOutcome(context, metadata).getMessage() : "";
			return Optional.of(recorded.source() + ": " + name + (recorded.matched() ? " matched" : " did not match")
					+ " when the jar was built, and " + (recorded.matched() ? "does not" : "does") + " now" + now);
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			// A condition that cannot be asked again counts as changed: the slower
			// start is the safe one.
			return Optional.of(recorded.source() + ": " + name + " could not be checked again (" + ex + ")");
		}
	}

	/** A class's metadata, or a bean method's for {@code Class#method}. */
	private static AnnotatedTypeMetadata metadata(String source, ClassLoader loader) throws ClassNotFoundException {
		int hash = source.indexOf('#');
		String type = (hash < 0) ? source : source.substring(0, hash);
		AnnotationMetadata metadata = AnnotationMetadata.introspect(ClassUtils.forName(type, loader));
		if (hash < 0) {
			return metadata;
		}
		String method = source.substring(hash + 1);
		return metadata.getDeclaredMethods()
			.stream()
			.filter((candidate) -> candidate.getMethodName().equals(method))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no method " + method + " on " + type));
	}

}
