package dev.moonlight.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The command line that starts this same application again in a new JVM: the same
 * {@code java}, the same JVM options (debugger agents left out: their port is taken), and
 * either {@code -jar} for a Spring Boot jar or the class path and the application's main
 * class.
 */
final class ChildCommand {

	private ChildCommand() {
	}

	/**
	 * @param application the application class; outside a Boot jar it must have a
	 * {@code main} method
	 * @param arguments the command and options for the child
	 * @throws IllegalStateException when there is no way to name the main class
	 */
	static List<String> of(Class<?> application, List<String> arguments) {
		return of(application, List.of(), arguments);
	}

	/**
	 * The same with JVM options of the child's own (system properties) after this JVM's.
	 * @param application the application class
	 * @param jvmOptions options such as {@code -Dname=value}
	 * @param arguments the command and options for the child
	 */
	static List<String> of(Class<?> application, List<String> jvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp") && !option.equals("-Xdebug")) {
				command.add(option);
			}
		}
		command.addAll(jvmOptions);
		String classPath = System.getProperty("java.class.path");
		Optional<String> bootJar = bootJar(classPath);
		if (bootJar.isPresent()) {
			command.add("-jar");
			command.add(bootJar.get());
		}
		else {
			requireMain(application);
			command.add("-cp");
			command.add(classPath);
			command.add(application.getName());
		}
		command.addAll(arguments);
		return command;
	}

	/**
	 * A class path that is one executable Spring Boot jar (its manifest names a
	 * {@code Start-Class}).
	 */
	private static Optional<String> bootJar(String classPath) {
		if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
			return Optional.empty();
		}
		try (JarFile jar = new JarFile(classPath)) {
			boolean boot = jar.getManifest() != null
					&& jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
			return boot ? Optional.of(classPath) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + classPath, ex);
		}
	}

	private static void requireMain(Class<?> application) {
		try {
			Method main = application.getMethod("main", String[].class);
			if (Modifier.isStatic(main.getModifiers())) {
				return;
			}
		}
		catch (NoSuchMethodException ex) {
			// Reported below.
		}
		throw new IllegalStateException(application.getName() + " has no 'public static void main(String[])' to start "
				+ "in the background; add one that calls MoonlightCli.main(" + application.getSimpleName()
				+ ".class, args).");
	}

}
