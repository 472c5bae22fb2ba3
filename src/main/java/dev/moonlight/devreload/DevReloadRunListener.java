package dev.moonlight.devreload;

import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

import dev.moonlight.config.MoonlightConfigLoader;

/**
 * Turns DevTools' restart off before DevTools looks (its listener reads the system
 * property {@value #RESTART_ENABLED} as the application starts, before any property
 * source exists) unless {@code .rr.yaml} has a {@code reload} section. So a process
 * started from a class path that carries DevTools (a test's server process, a
 * {@code spring-boot:run} without the section) runs once, in its main thread, as it would
 * from the jar. A value set on the command line wins.
 */
public final class DevReloadRunListener implements SpringApplicationRunListener, Ordered {

	static final String RESTART_ENABLED = "spring.devtools.restart.enabled";

	private static final String RESTARTER = "org.springframework.boot.devtools.restart.Restarter";

	private static final String RESTART_LISTENER = "org.springframework.boot.devtools.restart.RestartApplicationListener";

	/**
	 * Boot makes one for each run.
	 * @param application the application being run
	 * @param args its arguments
	 */
	public DevReloadRunListener(SpringApplication application, String[] args) {
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		ClassLoader loader = DevReloadRunListener.class.getClassLoader();
		if (!ClassUtils.isPresent(RESTARTER, loader)) {
			return;
		}
		if (System.getProperty(RESTART_ENABLED) == null && !reloadWritten(projectDir())) {
			System.setProperty(RESTART_ENABLED, "false");
		}
		if ("false".equals(System.getProperty(RESTART_ENABLED))) {
			// DevTools says so at INFO on every run, before logging is set up: into the
			// output of a command such as workers, which scripts read.
			LoggingSystem.get(loader).setLogLevel(RESTART_LISTENER, LogLevel.WARN);
		}
	}

	static boolean reloadWritten(Path projectDir) {
		try {
			return MoonlightConfigLoader.files(projectDir, System::getenv).rr().has(ReloadSection.SECTION);
		}
		catch (RuntimeException ex) {
			// The boot reports a malformed file with its line; restarting is moot then.
			return false;
		}
	}

	/**
	 * The project folder as the boot will find it, from what exists this early: the
	 * system property or variable, else the working directory.
	 */
	static Path projectDir() {
		String dir = System.getProperty("moonlight.project-dir");
		if (dir == null || dir.isBlank()) {
			dir = System.getenv("MOONLIGHT_PROJECT_DIR");
		}
		return Path.of((dir == null || dir.isBlank()) ? System.getProperty("user.dir") : dir);
	}

	@Override
	public int getOrder() {
		// Before Boot's EventPublishingRunListener (0), which tells DevTools.
		return -1;
	}

}
