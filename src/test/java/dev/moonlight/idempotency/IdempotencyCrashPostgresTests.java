package dev.moonlight.idempotency;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testing.ScratchPostgres;

/**
 * {@link IdempotencyCrash} on PostgreSQL: the killed process's connection closes, and
 * PostgreSQL rolls its transaction back and frees the key's row.
 */
@Tag("postgres")
class IdempotencyCrashPostgresTests {

	@TempDir
	Path project;

	@Test
	void aKeyedWriteKilledMidCallRunsOnceWhenRetriedOnTheRestartedServer() throws Exception {
		try (ScratchPostgres database = ScratchPostgres.create("idempotency_crash")) {
			new IdempotencyCrash(project, database.databaseUrl()).killMidCallThenRetry();
		}
	}

}
