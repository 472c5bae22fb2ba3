package dev.moonlight.idempotency;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IdempotencyCrash} on the embedded H2 file: the killed process's open transaction
 * is not in the file when the next server opens it.
 */
class IdempotencyCrashTests {

	@TempDir
	Path project;

	@Test
	void aKeyedWriteKilledMidCallRunsOnceWhenRetriedOnTheRestartedServer() throws Exception {
		new IdempotencyCrash(project, null).killMidCallThenRetry();
	}

}
