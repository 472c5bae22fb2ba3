package dev.moonlight.devreload;

import java.lang.reflect.InvocationTargetException;

import org.springframework.util.ClassUtils;

/**
 * Starts DevTools' restarter from the top of {@code main}, before the command line is
 * parsed. DevTools restarts by throwing out of the main thread and running {@code main}
 * again on a thread of its own; left to Spring's start, the throw would land in picocli,
 * which reports it as a failed command and exits.
 */
public final class DevRestart {

	private static final String RESTARTER = "org.springframework.boot.devtools.restart.Restarter";

	private DevRestart() {
	}

	/**
	 * Hands {@code main} to DevTools when it is on the class path and {@code .rr.yaml}
	 * has a {@code reload} section (and {@value DevReloadRunListener#RESTART_ENABLED} is
	 * not false); otherwise returns at once. On the main thread DevTools ends it here
	 * with its silent exit, and runs {@code main} again on its {@code restartedMain}
	 * thread, where this returns.
	 * @param args the program's arguments
	 */
	public static void initialize(String[] args) {
		ClassLoader loader = DevRestart.class.getClassLoader();
		if (!ClassUtils.isPresent(RESTARTER, loader)
				|| "false".equals(System.getProperty(DevReloadRunListener.RESTART_ENABLED))
				|| !DevReloadRunListener.reloadWritten(DevReloadRunListener.projectDir())) {
			return;
		}
		try {
			ClassUtils.forName(RESTARTER, loader).getMethod("initialize", String[].class).invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				// DevTools' silent exit: it must leave main as thrown.
				throw runtime;
			}
			throw new IllegalStateException("DevTools could not start its restarter", ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("DevTools could not start its restarter", ex);
		}
	}

}
