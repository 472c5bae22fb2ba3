package dev.moonlight.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints {@link UnreachableDatabaseAtBoot} as its paragraph and what to check, without a
 * stack trace.
 */
final class UnreachableDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<UnreachableDatabaseAtBoot> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnreachableDatabaseAtBoot cause) {
		return new FailureAnalysis(cause.getMessage(), cause.whatToCheck(), cause);
	}

}
