package dev.moonlight.database;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

import org.flywaydb.core.Flyway;

/**
 * Does, on a thread of its own while the main thread builds the context, the first-use
 * work of the database libraries that the main thread would otherwise do serially before
 * the first request: a throwaway Flyway object (the first one a process builds loads its
 * plugins and copies their settings through Jackson) and, when the application's database
 * is H2, a private in-memory H2 database opened and closed (H2's engine classes). Nothing
 * of the application's is read, migrated or opened here: its beans still do all of that,
 * and a failure here is ignored. Off when the boot does not migrate
 * ({@code spring.flyway.enabled=false}) and, as Spring Boot's own preinitialization, with
 * {@value #IGNORE} or on a single CPU.
 */
public final class DatabaseWarmUp implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String IGNORE = "spring.backgroundpreinitializer.ignore";

	@Override
	public int getOrder() {
		// After the post-processors (the database URL is resolved) and after logging is
		// set up, so that the warm-up neither competes with that nor logs before it.
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		start(event.getEnvironment(), event.getSpringApplication().getClassLoader());
	}

	/** The warm-up's thread, started; empty when it is off. */
	Optional<Thread> start(ConfigurableEnvironment environment, ClassLoader classLoader) {
		if (Boolean.getBoolean(IGNORE) || Runtime.getRuntime().availableProcessors() < 2
				|| !DatabaseReachableCheck.migrates(environment::getProperty)
				|| !ClassUtils.isPresent("org.flywaydb.core.Flyway", classLoader)) {
			return Optional.empty();
		}
		boolean h2 = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:")
				&& ClassUtils.isPresent("org.h2.Driver", classLoader);
		Thread thread = new Thread(() -> warmUp(classLoader, h2), "moonlight-database-warm-up");
		thread.setDaemon(true);
		thread.start();
		return Optional.of(thread);
	}

	private static void warmUp(ClassLoader classLoader, boolean h2) {
		try {
			Flyway.configure(classLoader).load();
			if (h2) {
				// The driver from the application's class loader, not DriverManager's
				// (which does not see into a nested jar).
				Driver driver = (Driver) ClassUtils.forName("org.h2.Driver", classLoader)
					.getDeclaredConstructor()
					.newInstance();
				try (Connection connection = driver.connect("jdbc:h2:mem:", new Properties());
						Statement statement = connection.createStatement()) {
					statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES").close();
				}
			}
		}
		catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError ex) {
			// Only time is lost: the beans do this work themselves.
		}
	}

}
