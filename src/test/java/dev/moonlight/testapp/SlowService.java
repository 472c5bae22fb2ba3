package dev.moonlight.testapp;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;

/**
 * Actions that hold a worker: sleeping, a long query, and the id of the pooled connection
 * that served it.
 */
@MoonlightService("slow")
class SlowService {

	private final JdbcClient jdbc;

	SlowService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Sleep(Integer ms) {
	}

	@Action
	Map<String, Object> sleep(Sleep params) throws InterruptedException {
		Thread.sleep(params.ms() == null ? 1000 : params.ms());
		return Map.of("slept", params.ms());
	}

	/** A query that runs for many seconds unless its statement is cancelled. */
	@Action
	Object longQuery() {
		return jdbc.sql(
				"SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) A, SYSTEM_RANGE(1, 100000) B WHERE A.\"X\" + B.\"X\" = 7")
			.query(Long.class)
			.single();
	}

	/**
	 * How many other sessions are still running the long query (H2's own view of running
	 * statements).
	 */
	@Action
	Map<String, Object> running() {
		Long count = jdbc
			.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
					+ " AND EXECUTING_STATEMENT LIKE '%SYSTEM_RANGE(1, 100000) A%'")
			.query(Long.class)
			.single();
		return Map.of("running", count);
	}

	@Action
	Map<String, Object> session() {
		Object id = jdbc.sql("SELECT SESSION_ID()").query(Object.class).single();
		return Map.of("session", id);
	}

	/** PostgreSQL: a statement that sleeps 30 s unless cancelled. */
	@Action
	Object pgSleep() {
		return jdbc.sql("SELECT pg_sleep(30)::text").query(String.class).single();
	}

	/** PostgreSQL: other backends still running pg_sleep. */
	@Action
	Map<String, Object> pgRunning() {
		Long count = jdbc
			.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
					+ " AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_sleep(30)%'")
			.query(Long.class)
			.single();
		return Map.of("running", count);
	}

	/** PostgreSQL: the backend process serving this connection. */
	@Action
	Map<String, Object> pgSession() {
		return Map.of("session", jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single());
	}

}
