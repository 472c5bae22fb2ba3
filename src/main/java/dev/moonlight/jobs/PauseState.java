package dev.moonlight.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which pipelines are paused, kept in {@code moonlight_job_pipelines} so that
 * {@code jobs:pause} stops the consumers of every process on the database, servers and
 * job machines alike, and survives their restarts. A paused pipeline still takes new
 * jobs. Consumers read the table at most once per {@link #REFRESH}.
 */
final class PauseState {

	/** How stale a consumer's view of the switches may be. */
	static final Duration REFRESH = Duration.ofMillis(500);

	private final JdbcClient jdbc;

	private final Clock clock;

	private Set<String> paused = Set.of();

	private Instant readAt = Instant.EPOCH;

	PauseState(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Whether consumers should leave the pipeline alone; a database that does not answer
	 * keeps the last view.
	 */
	synchronized boolean paused(String pipeline) {
		Instant now = clock.instant();
		if (Duration.between(readAt, now).compareTo(REFRESH) >= 0) {
			readAt = now;
			try {
				paused = pausedNames();
			}
			catch (DataAccessException ex) {
				// The poller reports an unreachable database when it claims; the last
				// view stands meanwhile.
			}
		}
		return paused.contains(pipeline);
	}

	Set<String> pausedNames() {
		return new TreeSet<>(
				jdbc.sql("SELECT name FROM moonlight_job_pipelines WHERE paused = TRUE").query(String.class).list());
	}

	void set(String pipeline, boolean pause) {
		Instant now = clock.instant();
		int updated = jdbc
			.sql("UPDATE moonlight_job_pipelines SET paused = :paused, updated_at = :now WHERE name = :name")
			.param("paused", pause)
			.param("now", JdbcJobStore.time(now))
			.param("name", pipeline)
			.update();
		if (updated == 0) {
			try {
				jdbc.sql("INSERT INTO moonlight_job_pipelines (name, paused, updated_at) VALUES (:name, :paused, :now)")
					.param("name", pipeline)
					.param("paused", pause)
					.param("now", JdbcJobStore.time(now))
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another process inserted the row meanwhile; ours is the later word.
				set(pipeline, pause);
			}
		}
		synchronized (this) {
			readAt = Instant.EPOCH;
		}
	}

}
