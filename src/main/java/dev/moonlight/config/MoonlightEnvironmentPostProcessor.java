package dev.moonlight.config;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Loads {@link MoonlightSettings} once at boot and adds them to Spring's
 * {@code Environment} as the lowest-priority property source {@code moonlight}, so
 * anything set explicitly as a Spring property still wins.
 */
public final class MoonlightEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source that carries the settings. */
	public static final String PROPERTY_SOURCE_NAME = MoonlightPropertySource.NAME;

	/**
	 * Runs after application.properties is loaded, so {@code moonlight.project-dir} may
	 * be set there.
	 */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	private final Log log;

	/**
	 * Creates the post-processor; Boot passes a deferred log factory because logging is
	 * not set up yet.
	 * @param logFactory where notices such as ignored RoadRunner keys are logged once
	 * logging starts
	 */
	public MoonlightEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(MoonlightEnvironmentPostProcessor.class);
	}

	/**
	 * The settings loaded for this environment.
	 * @param environment the application's environment
	 * @return the settings
	 * @throws IllegalStateException when the post-processor did not run for this
	 * environment
	 */
	public static MoonlightSettings settings(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable && configurable.getPropertySources()
			.get(PROPERTY_SOURCE_NAME) instanceof MoonlightPropertySource source) {
			return source.getSource();
		}
		throw new IllegalStateException("No Moonlight settings in this environment; "
				+ "MoonlightEnvironmentPostProcessor must be listed in META-INF/spring.factories.");
	}

	/**
	 * Whether the value Spring binds for a property is the one Moonlight derived from the
	 * settings, not one the application set above it (application.properties, a variable,
	 * a command-line argument). A capability that sizes something Moonlight sized, such
	 * as the connection pool for its own workers, changes only a size Moonlight chose:
	 * one the application wrote is its own.
	 * @param environment the application's environment
	 * @param name the property in its canonical form, such as
	 * {@code spring.datasource.hikari.maximum-pool-size}
	 * @return whether the first property source that has the property is Moonlight's
	 */
	public static boolean setByMoonlight(Environment environment, String name) {
		ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getConfigurationProperty(property) != null) {
				return source.getUnderlyingSource() instanceof PropertySource<?> origin
						&& PROPERTY_SOURCE_NAME.equals(origin.getName());
			}
		}
		return false;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// Boot may post-process a second environment for the same run (child contexts);
		// read the files only once.
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		CliOverrides cli = new CliOverrides(environment.getProperty("moonlight.cli.host"),
				environment.getProperty("moonlight.cli.port"));
		MoonlightSettings settings = MoonlightConfigLoader.load(projectDir(environment), defaults(application),
				environment::getProperty, cli, this::log);
		SpringFactoriesLoader.forDefaultResourceLocation(application.getClassLoader())
			.load(SettingsCheck.class)
			.forEach((check) -> check.check(settings, environment::getProperty));
		PropertySource<MoonlightSettings> source = new MoonlightPropertySource(settings);
		environment.getPropertySources().addLast(source);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * What the application declares: its first {@link ProjectDefaults}-annotated source,
	 * else its first class source. {@code MoonlightCli} and {@code RunningApp} pass the
	 * application class first, and Boot's tests put the {@code @SpringBootConfiguration}
	 * first, so the server and the command line name the same files.
	 */
	static ApplicationDefaults defaults(SpringApplication application) {
		List<Class<?>> classes = application.getAllSources()
			.stream()
			.filter(Class.class::isInstance)
			.<Class<?>>map(Class.class::cast)
			.toList();
		return classes.stream()
			.filter((source) -> source.isAnnotationPresent(ProjectDefaults.class))
			.findFirst()
			.or(() -> classes.stream().findFirst())
			.map(ApplicationDefaults::of)
			.orElse(ApplicationDefaults.NONE);
	}

	static Path projectDir(Environment environment) {
		String dir = environment.getProperty("moonlight.project-dir");
		if (dir == null || dir.isBlank()) {
			dir = environment.getProperty("MOONLIGHT_PROJECT_DIR");
		}
		if (dir == null || dir.isBlank()) {
			dir = environment.getProperty("user.dir", System.getProperty("user.dir"));
		}
		return Path.of(dir).toAbsolutePath().normalize();
	}

	private void log(ConfigNotice notice) {
		if (notice.warning()) {
			this.log.warn(notice);
		}
		else {
			this.log.info(notice);
		}
	}

}
