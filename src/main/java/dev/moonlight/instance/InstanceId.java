package dev.moonlight.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.ProjectFiles;

/**
 * The name of this instance among the N identical ones behind a balancer: every log line,
 * access log line and metric carries it, so a line or a series says which instance it
 * came from. {@value #VARIABLE} (process environment, then {@code .env}) when set,
 * otherwise the host name and the pid ({@code web-3-4242}).
 *
 * @param value one token of letters, digits, {@code .}, {@code _} and {@code -}, at most
 * {@value #MAX_LENGTH} characters: it goes into log patterns and metric tags as it is
 */
public record InstanceId(String value) {

	/** The variable that names the instance. */
	public static final String VARIABLE = "MOONLIGHT_INSTANCE";

	/** The Spring property that carries the resolved id to the beans. */
	public static final String PROPERTY = "moonlight.instance";

	/**
	 * The Spring property that says {@value #VARIABLE} named the instance (the pretty
	 * access log then names it too).
	 */
	public static final String NAMED_PROPERTY = "moonlight.instance-named";

	/** Longest id: a log column and a metric tag, not a paragraph. */
	public static final int MAX_LENGTH = 64;

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

	private static final Pattern UNSAFE_CHARACTERS = Pattern.compile("[^A-Za-z0-9._-]+");

	public InstanceId {
		if (value == null || !SAFE.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"An instance id is 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-'");
		}
	}

	/**
	 * The id {@value #VARIABLE} sets, or the host name and pid.
	 * @param files the project's files ({@code .env})
	 * @param processEnv the process environment, which wins over {@code .env}
	 * @throws dev.moonlight.config.ConfigException naming {@value #VARIABLE} and where it
	 * was set when its value is not a safe one-line id
	 */
	public static InstanceId resolve(ProjectFiles files, Function<String, String> processEnv) {
		Optional<ConfigValue> named = files.variable(processEnv, VARIABLE);
		if (named.isEmpty()) {
			return new InstanceId(hostAndPid(processEnv.apply("HOSTNAME")));
		}
		String value = named.get().value();
		if (!SAFE.matcher(value).matches()) {
			throw named.get()
				.invalid(VARIABLE + " must be 1 to " + MAX_LENGTH
						+ " letters, digits, '.', '_' or '-' (one line, no blanks): it names this instance in every"
						+ " log line and metric.");
		}
		return new InstanceId(value);
	}

	/** Whether {@value #VARIABLE} names the instance (rather than the host and pid). */
	public static boolean named(ProjectFiles files, Function<String, String> processEnv) {
		return files.variable(processEnv, VARIABLE).isPresent();
	}

	private static String hostAndPid(String hostVariable) {
		String host = (hostVariable != null && !hostVariable.isBlank()) ? hostVariable.strip() : kernelHostName();
		String pid = Long.toString(ProcessHandle.current().pid());
		String safeHost = UNSAFE_CHARACTERS.matcher(host).replaceAll("-");
		int room = MAX_LENGTH - pid.length() - 1;
		if (safeHost.isEmpty()) {
			safeHost = "host";
		}
		return ((safeHost.length() > room) ? safeHost.substring(0, room) : safeHost) + "-" + pid;
	}

	/**
	 * The kernel's host name, without a DNS lookup (which may hang for seconds on a
	 * machine whose name does not resolve).
	 */
	private static String kernelHostName() {
		try {
			return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
		}
		catch (IOException | RuntimeException ex) {
			return "host";
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
