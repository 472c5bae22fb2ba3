package dev.moonlight.database;

/**
 * Marks that Moonlight's own tables ({@link FrameworkSchema}) are migrated. One bean
 * migrates them once per boot; the job stores, the shared maintenance switch and the
 * idempotency keys' store depend on it.
 */
public final class FrameworkSchemaMigration {

	FrameworkSchemaMigration() {
	}

}
