package dev.moonlight.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ConfigException} into Boot's "APPLICATION FAILED TO START" report: the
 * one-line message as the description and the file, key and line to fix as the action,
 * without a stack trace.
 */
class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
		return new FailureAnalysis(cause.getMessage(), action(cause.origin()), cause);
	}

	static String action(Origin origin) {
		if (Origin.COMMAND_LINE.equals(origin.file())) {
			return "Fix the " + origin.key() + " option on the command line.";
		}
		if (Origin.PROCESS_ENVIRONMENT.equals(origin.file())) {
			return "Fix the environment variable (or Spring property) " + origin.key() + ".";
		}
		if (origin.key() == null) {
			return (origin.line() > 0) ? "Fix line " + origin.line() + " of " + origin.file() + "."
					: "Fix " + origin.file() + ".";
		}
		String line = (origin.line() > 0) ? " (line " + origin.line() + ")" : "";
		return "Fix the value of " + origin.key() + " in " + origin.file() + line + ".";
	}

}
