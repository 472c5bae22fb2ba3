package dev.moonlight.aot;

import java.util.List;

import org.apache.commons.logging.Log;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * With {@code -Dspring.aot.enabled=true}, checks before the context exists that the
 * conditions the AOT build recorded decide the same now; when one does not (a changed
 * settings.ini, .rr.yaml, variable or property), logs which and starts the application
 * without the build-time bean definitions. Runs after every other post-processor, on the
 * environment the conditions will see.
 */
public final class AotConditionsGuard implements EnvironmentPostProcessor, Ordered {

	private static final int SHOWN = 3;

	private final Log log;

	public AotConditionsGuard(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(AotConditionsGuard.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		ClassLoader loader = application.getClassLoader();
		RecordedConditions recorded = RecordedConditions.read(loader).orElse(null);
		if (recorded == null) {
			return;
		}
		long started = System.nanoTime();
		DefaultListableBeanFactory scratch = new DefaultListableBeanFactory();
		List<String> differences = recorded
			.differences(new BootConditionContext(scratch, environment, new DefaultResourceLoader(loader)));
		if (differences.isEmpty()) {
			this.log.debug("Spring AOT: the " + recorded.size() + " conditions of the build decide the same now ("
					+ (System.nanoTime() - started) / 1_000_000 + " ms to ask them)");
			return;
		}
		// Spring's own switch, read when the context is created, after this.
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
		this.log.warn("Starting without Spring AOT's build-time bean definitions: " + differences.size() + " of "
				+ recorded.size() + " conditions decide otherwise than when the jar was built, so its beans "
				+ "would not be the ones these settings ask for. Rebuild the jar with these settings, or start "
				+ "without -D" + AotDetector.AOT_ENABLED + "=true. "
				+ String.join("; ", differences.subList(0, Math.min(SHOWN, differences.size())))
				+ ((differences.size() > SHOWN) ? "; ..." : ""));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
