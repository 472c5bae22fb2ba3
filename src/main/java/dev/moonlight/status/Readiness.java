package dev.moonlight.status;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;

import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolStats;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether this instance should get traffic: a worker is free, the database answers
 * within {@link #DATABASE_TIMEOUT}, maintenance is off and the server is not draining. The database probe is JDBC,
 * so it runs on Reactor's bounded-elastic threads, never on the event loop or the worker pool it judges.
 * <p>
 * As a {@link SmartLifecycle} in the last phase it is stopped first at shutdown, so {@code /ready} turns 503 before
 * the web server starts draining.
 */
final class Readiness implements SmartLifecycle {

	static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

	private final BoundedWorkerPool pool;

	private final DataSource dataSource;

	private final MaintenanceMode maintenance;

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile boolean running;

	Readiness(BoundedWorkerPool pool, DataSource dataSource, MaintenanceMode maintenance) {
		this.pool = pool;
		this.dataSource = dataSource;
		this.maintenance = maintenance;
	}

	boolean draining() {
		return draining.get();
	}

	/** The checks by name, each {@code "ok"} or what is wrong, and whether all passed. */
	Mono<Report> check() {
		Map<String, String> checks = new LinkedHashMap<>();
		checks.put("draining", draining.get() ? "the server is shutting down" : "ok");
		checks.put("maintenance", maintenance.state().enabled() ? "maintenance mode is on" : "ok");
		checks.put("workers", workers());
		return database().map((database) -> {
			checks.put("database", database);
			return new Report(checks.values().stream().allMatch("ok"::equals), checks);
		});
	}

	private String workers() {
		PoolStats stats = pool.stats();
		return (stats.idle() > 0) ? "ok" : "all " + stats.workers() + " workers are busy, " + stats.queued() + " calls wait";
	}

	private Mono<String> database() {
		return Mono.fromCallable(() -> {
			try (Connection connection = dataSource.getConnection()) {
				return connection.isValid((int) DATABASE_TIMEOUT.toSeconds()) ? "ok" : "the database does not answer";
			}
		})
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(DATABASE_TIMEOUT, Mono.just("the database did not answer within " + DATABASE_TIMEOUT.toSeconds() + "s"))
			.onErrorResume((ex) -> Mono.just("the database is unreachable: " + ex.getMessage()));
	}

	@Override
	public void start() {
		draining.set(false);
		running = true;
	}

	@Override
	public void stop() {
		draining.set(true);
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	/** The outcome of a readiness check. */
	record Report(boolean ready, Map<String, String> checks) {
	}

}
