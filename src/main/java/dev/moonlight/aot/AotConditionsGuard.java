package dev.moonlight.aot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * With {@code -Dspring.aot.enabled=true}, checks before the context exists that this boot
 * is the one the jar's AOT build computed its bean definitions for: a reactive web
 * server, the build's profiles and exclusions, and each condition the build recorded
 * deciding the same. When not (a changed settings.ini, .rr.yaml, variable or property; a
 * jar built without AOT), it logs why and turns Spring's switch off, so the application
 * starts as it would without the flag: slower, never with the wrong beans. Ordered last
 * among the post-processors, on the environment the conditions will see.
 */
public final class AotConditionsGuard implements EnvironmentPostProcessor, Ordered {

	/** How many reasons the warning names; the rest are counted. */
	private static final int REASONS_NAMED = 3;

	private final Log log;

	public AotConditionsGuard(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(AotConditionsGuard.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// A native image has only the build-time definitions: nothing to fall back to.
		if (!AotDetector.useGeneratedArtifacts() || NativeDetector.inNativeImage()) {
			return;
		}
		long started = System.nanoTime();
		List<String> reasons = reasonsToStartWithout(environment, application);
		if (reasons.isEmpty()) {
			this.log.debug("Spring AOT: this boot is the build's (asked in "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)");
			return;
		}
		// Spring's own switch; the context is created after this, and reads it then.
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
		this.log.warn("Starting without Spring AOT's build-time bean definitions: "
				+ String.join("; ", reasons.subList(0, Math.min(REASONS_NAMED, reasons.size())))
				+ ((reasons.size() > REASONS_NAMED) ? "; and " + (reasons.size() - REASONS_NAMED) + " more" : "")
				+ ". Expected for a reload's new process or a jobs-only one; otherwise build the jar for these "
				+ "settings (-Dmoonlight.aot.project-dir) or start without -D" + AotDetector.AOT_ENABLED + "=true.");
	}

	private List<String> reasonsToStartWithout(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader loader = application.getClassLoader();
		Class<?> main = application.getMainApplicationClass();
		if (main == null || !ClassUtils.isPresent(main.getName() + "__ApplicationContextInitializer", loader)) {
			return List.of("the jar holds no Spring AOT definitions for " + ((main != null) ? main.getName() : "it")
					+ " (built with -Dspring-boot.aot.skip=true?)");
		}
		Optional<RecordedConditions> read;
		try {
			read = RecordedConditions.read(loader);
		}
		catch (IOException | RuntimeException ex) {
			return List.of(RecordedConditions.RESOURCE + " cannot be read (" + ex.getMessage() + ")");
		}
		if (read.isEmpty()) {
			return List.of("the jar has no " + RecordedConditions.RESOURCE);
		}
		List<String> reasons = new ArrayList<>();
		// Boot binds the property after the post-processors; a command sets the field.
		WebApplicationType type = Binder.get(environment)
			.bind("spring.main.web-application-type", WebApplicationType.class)
			.orElse(application.getWebApplicationType());
		if (type != WebApplicationType.REACTIVE) {
			reasons.add("this boot is not the build's reactive web server (" + type + ")");
		}
		RecordedConditions recorded = read.get();
		reasons.addAll(recorded.settingsDifferences(environment));
		BootConditionContext context = new BootConditionContext(new DefaultListableBeanFactory(), environment,
				new DefaultResourceLoader(loader));
		List<String> conditions = new ConditionsAskedAgain(context).differences(recorded.conditions());
		if (!conditions.isEmpty()) {
			reasons.add(conditions.size() + " of " + recorded.conditions().size()
					+ " conditions decide otherwise than at build time, first " + conditions.get(0));
			reasons.addAll(conditions.subList(1, conditions.size()));
		}
		return reasons;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
