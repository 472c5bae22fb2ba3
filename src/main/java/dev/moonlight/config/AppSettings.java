package dev.moonlight.config;

import java.util.Locale;

/**
 * The application's identity, debug switch and environment, from {@code APP_NAME},
 * {@code DEBUG} / {@code APP_DEBUG} and {@code APP_ENV}.
 *
 * @param name {@code APP_NAME}; default the application's
 * ({@link ApplicationDefaults#name()})
 * @param debug {@code DEBUG} or {@code APP_DEBUG}; default {@code false}
 * @param environment {@code APP_ENV}, lowercased; default {@code development}
 */
public record AppSettings(String name, boolean debug, String environment) {

	/** The environment used when {@code APP_ENV} is not set. */
	public static final String DEFAULT_ENVIRONMENT = "development";

	public AppSettings {
		environment = environment.strip().toLowerCase(Locale.ROOT);
	}

	/** The settings of an application that does not set {@code APP_ENV}. */
	public AppSettings(String name, boolean debug) {
		this(name, debug, DEFAULT_ENVIRONMENT);
	}

	/**
	 * Whether {@code APP_ENV} is {@code production} (or {@code prod}): no development
	 * seed, no generated secrets.
	 */
	public boolean production() {
		return isProduction(environment);
	}

	static boolean isProduction(String environment) {
		String normalised = environment.strip().toLowerCase(Locale.ROOT);
		return normalised.equals("production") || normalised.equals("prod");
	}

}
