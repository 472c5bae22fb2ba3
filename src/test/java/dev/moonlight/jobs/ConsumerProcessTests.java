package dev.moonlight.jobs;

import java.nio.file.Path;

/**
 * Consumer processes on one embedded H2 file, shared through H2's automatic server mode.
 */
class ConsumerProcessTests extends ConsumerProcessContract {

	@Override
	String databaseUrl(Path projectDir) {
		return "jdbc:h2:file:" + projectDir.resolve("storage/data/jobs") + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;"
				+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
	}

}
