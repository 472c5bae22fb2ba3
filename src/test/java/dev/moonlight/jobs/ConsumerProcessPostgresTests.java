package dev.moonlight.jobs;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import dev.moonlight.testing.ScratchPostgres;

/**
 * Consumer processes on PostgreSQL, claiming with {@code FOR UPDATE SKIP LOCKED}, in a
 * scratch database.
 */
@Tag("postgres")
class ConsumerProcessPostgresTests extends ConsumerProcessContract {

	private ScratchPostgres database;

	@BeforeEach
	void createDatabase() {
		database = ScratchPostgres.create("jobs_processes");
	}

	@AfterEach
	void dropDatabase() {
		database.close();
	}

	@Override
	String databaseUrl(Path projectDir) {
		return database.databaseUrl();
	}

}
