package dev.moonlight.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The {@code moonlight} property source: its source object is the
 * {@link MoonlightSettings}, and its properties are the Spring Boot settings derived from
 * them (listen address, datasource, Hikari sized from the worker pool).
 */
final class MoonlightPropertySource extends EnumerablePropertySource<MoonlightSettings> {

	static final String NAME = "moonlight";

	/**
	 * Hikari waits this long for a connection. The pool holds one per worker, so a call
	 * waits only while a broken connection is replaced or the database is unreachable;
	 * then the call answers 503 within a second (and DatabaseAvailability fails the
	 * following ones at once). It bounds the wait, not the attempt: a slow connection
	 * attempt still joins the pool for the next call.
	 */
	static final String CONNECTION_TIMEOUT_MS = "500";

	/**
	 * How long Hikari lets an idle pooled connection prove it is alive before handing it
	 * out (Hikari's minimum; a working database answers in milliseconds). A connection
	 * that fails is only replaced, but a borrower waits it out: on a silent network a
	 * borrow may try two before the connection timeout ends it, and calls are answered
	 * within a second only if two fit in about half of one.
	 */
	static final String VALIDATION_TIMEOUT_MS = "250";

	/**
	 * pgjdbc's bounds on one connection attempt, in seconds (its defaults: 10 s to
	 * connect, and a login timeout that Hikari would derive from the short connection
	 * timeout above, 1 s, too tight for a remote server). A parameter of the same name in
	 * the JDBC URL wins over these.
	 */
	static final String POSTGRES_CONNECT_TIMEOUT_S = "3";

	private final Map<String, String> properties;

	MoonlightPropertySource(MoonlightSettings settings) {
		super(NAME, settings);
		this.properties = derive(settings);
	}

	@Override
	public String[] getPropertyNames() {
		return this.properties.keySet().toArray(String[]::new);
	}

	@Override
	public Object getProperty(String name) {
		return this.properties.get(name);
	}

	static Map<String, String> derive(MoonlightSettings settings) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.address", settings.listen().host());
		properties.put("server.port", Integer.toString(settings.listen().port()));
		properties.put("spring.application.name", settings.app().name());
		DatabaseSettings database = settings.database();
		properties.put("spring.datasource.url", database.jdbcUrl());
		putIfSet(properties, "spring.datasource.username", database.username());
		putIfSet(properties, "spring.datasource.password", database.password());
		PoolSection pool = settings.http().pool();
		// One connection per worker thread, held open, so a worker never waits for one
		// another worker owns; one for the group commit's writer, which stores the writes
		// of staged actions; and one for the framework's own work beside them (Flyway
		// needs two at boot, the availability probe one). The capabilities with workers
		// of their own add theirs to these sizes when the pool is made: with jobs on,
		// JobsAutoConfiguration; while TCP servers run, TcpAutoConfiguration.
		String connections = Integer.toString(pool.numWorkers() + 2);
		properties.put("spring.datasource.hikari.maximum-pool-size", connections);
		properties.put("spring.datasource.hikari.minimum-idle", connections);
		properties.put("spring.datasource.hikari.connection-timeout", CONNECTION_TIMEOUT_MS);
		properties.put("spring.datasource.hikari.validation-timeout", VALIDATION_TIMEOUT_MS);
		if (database.kind() == DatabaseSettings.Kind.POSTGRESQL) {
			properties.put("spring.datasource.hikari.data-source-properties.connectTimeout",
					POSTGRES_CONNECT_TIMEOUT_S);
			properties.put("spring.datasource.hikari.data-source-properties.loginTimeout", POSTGRES_CONNECT_TIMEOUT_S);
		}
		if (pool.hasExecTtl()) {
			putStatementTimeout(properties, database.kind(), pool.execTtl());
		}
		// SIGTERM drains. Moonlight's own drain (dev.moonlight.server.ConnectionDrain)
		// closes the listeners and lets connections end between requests before Boot's
		// graceful shutdown runs; graceful stays on (Boot's default since 3.4, stated
		// here so the behaviour does not hang on a default) for what that drain does not
		// cover.
		properties.put("server.shutdown", "graceful");
		properties.put("spring.lifecycle.timeout-per-shutdown-phase", pool.destroyTimeout().toMillis() + "ms");
		// Netty reads an h2c upgrade request whole before it switches protocols, up to
		// this limit; with Boot's default of 0 it declines to upgrade any request with a
		// body (4.2 answers it over HTTP/1.1, older versions with 413).
		properties.put("server.netty.h2c-max-content-length",
				Math.min(settings.http().maxRequestSizeBytes(), Integer.MAX_VALUE) + "B");
		return Collections.unmodifiableMap(properties);
	}

	/** No statement outlives {@code exec_ttl}. */
	private static void putStatementTimeout(Map<String, String> properties, DatabaseSettings.Kind kind, Duration ttl) {
		if (kind == DatabaseSettings.Kind.H2) {
			// Per statement, H2 would run SET QUERY_TIMEOUT before each one, and any SET
			// empties every session's cache of parsed statements: set once per connection
			// instead. It also bounds migrations on H2, which share the pool; H2 is the
			// development database.
			long millis = Math.max(1, Math.min(Integer.MAX_VALUE, ttl.toMillis()));
			properties.put("spring.datasource.hikari.connection-init-sql", "SET QUERY_TIMEOUT " + millis);
			return;
		}
		// JdbcTemplate's timeout is in whole seconds; round up so it never fires before
		// exec_ttl does.
		properties.put("spring.jdbc.template.query-timeout", Long.toString(ceilSeconds(ttl)));
	}

	private static long ceilSeconds(Duration duration) {
		return duration.getSeconds() + ((duration.getNano() > 0) ? 1 : 0);
	}

	private static void putIfSet(Map<String, String> properties, String name, String value) {
		if (value != null) {
			properties.put(name, value);
		}
	}

}
