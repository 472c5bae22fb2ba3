package dev.moonlight.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.ProjectFiles;

/**
 * {@code [idempotency]} in settings.ini (or {@code IDEMPOTENCY_*} in the environment).
 *
 * @param ttl {@code TTL}: how long a stored answer is replayed (24h)
 * @param retryWait {@code WAIT}: how long a retry waits for a call with its key that is
 * still running before it is answered 409 (5s; 0 answers 409 at once)
 * @param purgeEvery {@code PURGE_EVERY}: how often expired rows are deleted (10m)
 */
record IdempotencySettings(Duration ttl, Duration retryWait, Duration purgeEvery) {

	static final String SECTION = "idempotency";

	static final Duration DEFAULT_TTL = Duration.ofHours(24);

	static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

	static final Duration DEFAULT_PURGE_EVERY = Duration.ofMinutes(10);

	/** A wait past this would hold a worker and a connection for too long. */
	static final Duration MAX_WAIT = Duration.ofMinutes(1);

	static IdempotencySettings read(ProjectFiles files, Function<String, String> env) {
		return read(files, env, Duration.ZERO);
	}

	/**
	 * @param execTtl {@code http.pool.supervisor.exec_ttl}, zero when unset: a retry
	 * waiting as long would be stopped with 504 before it could answer 409
	 */
	static IdempotencySettings read(ProjectFiles files, Function<String, String> env, Duration execTtl) {
		Duration ttl = duration(files, env, "TTL", DEFAULT_TTL, Duration.ofSeconds(1), Duration.ofDays(365),
				"The time an answer is kept must be between 1s and 365 days.");
		Duration wait = duration(files, env, "WAIT", DEFAULT_WAIT, Duration.ZERO, MAX_WAIT,
				"A retry may wait at most 1m for the call it repeats.");
		Duration purge = duration(files, env, "PURGE_EVERY", DEFAULT_PURGE_EVERY, Duration.ofSeconds(1),
				Duration.ofDays(1), "Expired answers are purged every 1s to every 1 day.");
		if (!execTtl.isZero() && wait.compareTo(execTtl) >= 0) {
			// A retry that waits as long is stopped with 504 instead of 409. Set, it is
			// an error; the default gives way to a short exec_ttl.
			Optional<ConfigValue> set = files.setting(SECTION, "WAIT", env, "IDEMPOTENCY_WAIT");
			if (set.isPresent()) {
				throw set.get()
					.invalid("[idempotency] WAIT (" + wait.toMillis()
							+ "ms) must be below http.pool.supervisor.exec_ttl (" + execTtl.toMillis()
							+ "ms): a retry that waits as long is stopped with 504 instead of 409.");
			}
			wait = execTtl.dividedBy(2);
		}
		return new IdempotencySettings(ttl, wait, purge);
	}

	/**
	 * {@code [idempotency] KEY} or {@code IDEMPOTENCY_KEY}; a value out of bounds is an
	 * error naming the file, line and key.
	 */
	private static Duration duration(ProjectFiles files, Function<String, String> env, String key, Duration fallback,
			Duration min, Duration max, String reason) {
		Optional<ConfigValue> value = files.setting(SECTION, key, env, "IDEMPOTENCY_" + key);
		if (value.isEmpty()) {
			return fallback;
		}
		Duration parsed = value.get().asDuration();
		if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
			throw value.get().invalid(reason);
		}
		return parsed;
	}

}
