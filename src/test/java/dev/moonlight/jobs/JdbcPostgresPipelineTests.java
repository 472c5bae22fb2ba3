package dev.moonlight.jobs;

import org.junit.jupiter.api.Tag;

import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;

/**
 * The pipeline contract on the jdbc driver and PostgreSQL
 * ({@code FOR UPDATE SKIP LOCKED}), in a scratch database.
 */
@Tag("postgres")
class JdbcPostgresPipelineTests extends PipelineContract {

	private ScratchPostgres database;

	@Override
	RunningApp start() {
		database = ScratchPostgres.create("jobs_test");
		return JobsTestApp.builder("jdbc", "jdbc", "unused", 1)
			.property("DATABASE_URL=" + database.databaseUrl())
			.start();
	}

	@Override
	String pipeline() {
		return "jdbc";
	}

	@Override
	void cleanUp() {
		if (database != null) {
			database.close();
		}
	}

}
