package dev.moonlight.testapp;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.dispatch.RequestId;

/**
 * A job written the way the jobs documentation tells an application to:
 * {@code once.apply} may run twice (a crash after its effect and before its outcome is
 * recorded), so its effect is a row of {@code job_effects} keyed by the job id, inserted
 * only when absent. However often it runs, a job leaves one row.
 */
@MoonlightService("once")
public class OnceService {

	/**
	 * Tests that start several processes create the table first, so the processes never
	 * race to create it.
	 */
	public static final String EFFECTS_TABLE = "CREATE TABLE IF NOT EXISTS job_effects (job_id VARCHAR(64) PRIMARY KEY,"
			+ " effect_key VARCHAR(100) NOT NULL, pid BIGINT NOT NULL)";

	private final JdbcClient jdbc;

	OnceService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Effect(@NotBlank String key, Integer sleepMs) {
	}

	/**
	 * The job: sleeps {@code sleep_ms}, then writes its effect unless a run of the same
	 * job already did.
	 */
	@Action
	Map<String, Object> apply(Effect params, @RequestId String jobId) throws InterruptedException {
		if (params.sleepMs() != null) {
			Thread.sleep(params.sleepMs());
		}
		try {
			jdbc.sql("INSERT INTO job_effects (job_id, effect_key, pid) VALUES (:job, :key, :pid)")
				.param("job", jobId)
				.param("key", params.key())
				.param("pid", ProcessHandle.current().pid())
				.update();
			return Map.of("applied", true);
		}
		catch (DuplicateKeyException ex) {
			return Map.of("applied", false);
		}
	}

}
