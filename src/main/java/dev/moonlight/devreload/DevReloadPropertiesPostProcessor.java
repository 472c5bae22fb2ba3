package dev.moonlight.devreload;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;
import dev.moonlight.config.MoonlightSettings;

/**
 * Gives DevTools the {@code reload} section's interval and folders, as the
 * lowest-priority defaults (a {@code spring.devtools.restart.*} property of one's own
 * wins), and says once when the section cannot work: DevTools is not on the class path,
 * as in the production jar.
 */
public final class DevReloadPropertiesPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "moonlightReload";

	private static final String RESTARTER = "org.springframework.boot.devtools.restart.Restarter";

	private final Log log;

	/**
	 * Boot passes a deferred log factory because logging is not set up yet.
	 * @param logFactory where the note about a missing DevTools goes
	 */
	public DevReloadPropertiesPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(DevReloadPropertiesPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(SOURCE)) {
			return;
		}
		MoonlightSettings settings = MoonlightEnvironmentPostProcessor.settings(environment);
		if (!settings.files().rr().has(ReloadSection.SECTION)) {
			return;
		}
		if (!ClassUtils.isPresent(RESTARTER, application.getClassLoader())) {
			this.log.info(settings.files().rr().origin(ReloadSection.SECTION).location()
					+ ": reload has no effect: Spring Boot DevTools is not on the class path (it never is in the "
					+ "jar); run with ./mvnw spring-boot:run to restart on changes.");
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>(
				ReloadSection.read(settings.files().rr(), settings.projectDir())
					.springProperties(settings.projectDir()));
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
	}

	@Override
	public int getOrder() {
		return MoonlightEnvironmentPostProcessor.ORDER + 1;
	}

}
