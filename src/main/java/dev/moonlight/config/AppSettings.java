package dev.moonlight.config;

/**
 * The application's identity and debug switch, from {@code APP_NAME} and {@code DEBUG} / {@code APP_DEBUG}.
 *
 * @param name {@code APP_NAME}; default {@code deskflow-api}
 * @param debug {@code DEBUG} or {@code APP_DEBUG}; default {@code false}
 */
public record AppSettings(String name, boolean debug) {

	/** The name used when {@code APP_NAME} is not set. */
	public static final String DEFAULT_NAME = "deskflow-api";

}
