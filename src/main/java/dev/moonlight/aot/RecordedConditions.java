package dev.moonlight.aot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.ConfigurationCondition.ConfigurationPhase;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * What an AOT build decided that a boot could decide otherwise, as the jar carries it in
 * {@value #RESOURCE}: the active profiles, the excluded auto-configurations, and the
 * conditions. One line each, tab-separated.
 *
 * @param profiles the profiles active at build time
 * @param excludes {@code spring.autoconfigure.exclude} at build time
 * @param conditions the conditions a boot asks again
 */
record RecordedConditions(List<String> profiles, List<String> excludes, List<RecordedCondition> conditions) {

	/** Where the build writes them, beside the generated classes. */
	static final String RESOURCE = "META-INF/moonlight/aot-conditions.tsv";

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	private static final String PROFILES_LINE = "@profiles";

	private static final String EXCLUDES_LINE = "@excludes";

	/**
	 * Conditions not asked again: on classes (the jar decides), on the kind of web
	 * application ({@link AotConditionsGuard} asks it directly, as Spring Boot will
	 * decide it), and the report's own "an enclosing class did not match".
	 */
	private static final Set<String> ASKED_OTHERWISE = Set.of(
			"org.springframework.boot.autoconfigure.condition.OnClassCondition",
			"org.springframework.boot.autoconfigure.condition.OnWebApplicationCondition",
			ConditionEvaluationReport.class.getName() + "$AncestorsMatchedCondition");

	private static final String SPRING = "org.springframework.";

	RecordedConditions {
		profiles = List.copyOf(profiles);
		excludes = List.copyOf(excludes);
		conditions = List.copyOf(conditions);
	}

	/**
	 * What a build's environment and report decided, with the annotations of each
	 * condition's source, read from {@code classFiles}.
	 */
	static RecordedConditions of(Environment environment, ConditionEvaluationReport report, ResourceLoader classFiles) {
		SourceMetadata sources = new SourceMetadata(classFiles);
		List<RecordedCondition> recorded = new ArrayList<>();
		report.getConditionAndOutcomesBySource().forEach((source, outcomes) -> {
			for (ConditionAndOutcome each : outcomes) {
				String condition = each.getCondition().getClass().getName();
				if (ownedByTheApplication(condition, source) && !ASKED_OTHERWISE.contains(condition)
						&& !asksAboutBeans(each.getCondition())) {
					recorded.add(new RecordedCondition(source, condition, each.getOutcome().isMatch(),
							annotations(sources, source)));
				}
			}
		});
		return new RecordedConditions(List.of(environment.getActiveProfiles()), excludes(environment), recorded);
	}

	/**
	 * The source's annotations as text, or nothing (the boot then reads its class file)
	 * when they cannot be read here: the build must not fail on what only speeds a boot.
	 */
	private static Optional<String> annotations(SourceMetadata sources, String source) {
		try {
			return RecordedAnnotations.write(sources.of(source));
		}
		catch (RuntimeException | LinkageError ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether the condition is the application's or the framework's (its class, or the
	 * class it guards, is not Spring's): those follow settings.ini, .rr.yaml and the
	 * process's role, which change after a build. Spring Boot's own auto-configurations
	 * keep Spring AOT's rule, decided at build time, apart from their exclusion and the
	 * profiles, which the guard compares.
	 */
	private static boolean ownedByTheApplication(String condition, String source) {
		return !condition.startsWith(SPRING) || !source.startsWith(SPRING);
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

	private static List<String> excludes(Environment environment) {
		return Binder.get(environment).bind(EXCLUDE, String[].class).map(List::of).orElse(List.of());
	}

	/**
	 * What the jar carries, or nothing when it was not built with Spring AOT.
	 * @throws IllegalArgumentException when the resource is not one a build wrote
	 */
	static Optional<RecordedConditions> read(ClassLoader loader) throws IOException {
		try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return Optional.empty();
			}
			List<String> profiles = List.of();
			List<String> excludes = List.of();
			List<RecordedCondition> conditions = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
				if (line.startsWith(PROFILES_LINE + '\t')) {
					profiles = listAfterTab(line);
				}
				else if (line.startsWith(EXCLUDES_LINE + '\t')) {
					excludes = listAfterTab(line);
				}
				else if (!line.isBlank()) {
					conditions.add(RecordedCondition.parse(line));
				}
			}
			return Optional.of(new RecordedConditions(profiles, excludes, conditions));
		}
	}

	private static List<String> listAfterTab(String line) {
		String list = line.substring(line.indexOf('\t') + 1);
		return list.isEmpty() ? List.of() : List.of(list.split(","));
	}

	/** The text of {@value #RESOURCE}. */
	String text() {
		StringBuilder text = new StringBuilder();
		text.append(PROFILES_LINE).append('\t').append(String.join(",", this.profiles)).append('\n');
		text.append(EXCLUDES_LINE).append('\t').append(String.join(",", this.excludes)).append('\n');
		this.conditions.forEach((condition) -> text.append(condition.line()).append('\n'));
		return text.toString();
	}

	/** Where {@code environment} differs from the build in profiles or exclusions. */
	List<String> settingsDifferences(Environment environment) {
		List<String> differences = new ArrayList<>();
		List<String> profiles = List.of(environment.getActiveProfiles());
		if (!Set.copyOf(profiles).equals(Set.copyOf(this.profiles))) {
			differences.add("the active profiles are " + profiles + ", the build's " + this.profiles);
		}
		List<String> excludes = excludes(environment);
		if (!Set.copyOf(excludes).equals(Set.copyOf(this.excludes))) {
			differences.add(EXCLUDE + " is " + excludes + ", the build's " + this.excludes);
		}
		return differences;
	}

}
